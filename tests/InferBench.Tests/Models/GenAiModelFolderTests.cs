using System.Text;
using InferBench.Models;
using InferBench.Tests.Support;

namespace InferBench.Tests.Models;

public sealed class GenAiModelFolderTests : IDisposable
{
    private const string Config = """{ "model": { "type": "llama", "vocab_size": 32, "context_length": 64, "decoder": { "filename": "model.onnx" } } }""";
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_genai_config_with_a_utf8_byte_order_mark_is_read_as_the_manifest_is()
    {
        File.WriteAllText(_temp.Combine(GenAiModelFolder.ConfigFileName), Config, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        File.WriteAllBytes(_temp.Combine("model.onnx"), []);

        var info = GenAiModelFolder.Inspect(_temp.Path);

        Assert.Equal(("llama", 32, 64), (info.ModelType, info.VocabSize, info.ContextLength));
    }

    [Fact]
    public void A_genai_config_that_is_a_folder_is_named_as_a_folder_not_as_missing()
    {
        var config = _temp.Combine(GenAiModelFolder.ConfigFileName);
        Directory.CreateDirectory(config);

        var error = Assert.Throws<ModelFolderException>(() => GenAiModelFolder.Inspect(_temp.Path));

        Assert.Equal($"{config} is a folder; expected the model's genai_config.json file", error.Message);
    }

    [Fact]
    public void Invalid_json_names_the_file_and_the_position()
    {
        var config = _temp.Combine(GenAiModelFolder.ConfigFileName);
        File.WriteAllText(config, "{ \"model\": ,}");

        var error = Assert.Throws<ModelFolderException>(() => GenAiModelFolder.Inspect(_temp.Path));

        Assert.StartsWith($"{config}: invalid JSON at line 1, column 12: ", error.Message);
    }
}
