using InferBench.Engines.GenAi;
using InferBench.Models;
using InferBench.Results;
using InferBench.Synthetic;
using InferBench.Tests.Support;

namespace InferBench.Tests.Models;

public sealed class ByteOrderMarkFreeFolderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_model_whose_genai_config_starts_with_a_byte_order_mark_loads_and_generates()
    {
        var folder = _temp.Combine("tiny-bom");
        SyntheticModelWriter.Write(SyntheticModelPresets.Tiny, folder);
        var config = Path.Combine(folder, GenAiModelFolder.ConfigFileName);
        File.WriteAllBytes(config, [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(config)]);

        using var model = GenAiModelLoader.Load(folder, ExecutionProvider.Cpu, intraOpThreads: 1);

        Assert.NotNull(model);
        Assert.Equal([0xEF, 0xBB, 0xBF], File.ReadAllBytes(config)[..3]); // the user's folder is left as it is
    }

    [Fact]
    public void A_folder_without_the_mark_is_loaded_as_it_is()
    {
        var folder = _temp.Combine("tiny");
        SyntheticModelWriter.Write(SyntheticModelPresets.Tiny, folder);

        Assert.Equal(folder, ByteOrderMarkFreeFolder.For(folder));
    }
}
