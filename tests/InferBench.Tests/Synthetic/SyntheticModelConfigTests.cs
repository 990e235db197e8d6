using InferBench.Synthetic;
using InferBench.Tests.Support;

namespace InferBench.Tests.Synthetic;

public sealed class SyntheticModelConfigTests : IDisposable
{
    private static readonly SyntheticModelConfig Tiny = SyntheticModelPresets.Tiny;
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<SyntheticModelConfig, string> BadConfigs => new()
    {
        { Tiny with { AttentionHeads = 5 }, "attentionHeads, hiddenSize: expected attention heads that divide the hidden size, got 5 heads for hidden size 64" },
        { Tiny with { KeyValueHeads = 3 }, "keyValueHeads, attentionHeads: expected key/value heads that divide the attention heads, got 3 key/value heads for 4 attention heads" },
        { Tiny with { Layers = 0 }, "layers: expected a whole number from 1 to 1024 (the deepest published LLMs have about 130), got 0" },
        { Tiny with { Layers = 100_000 }, "layers: expected a whole number from 1 to 1024 (the deepest published LLMs have about 130), got 100000" },
        { Tiny with { VocabSize = 1 }, "vocabSize: expected a whole number from 2 to 2147483647, got 1" },
        { Tiny with { HiddenSize = -64 }, "hiddenSize: expected a whole number from 1 to 2147483647, got -64" },
        { Tiny with { KeyValueHeads = 0 }, "keyValueHeads: expected a whole number from 1 to 2147483647, got 0" },
        { Tiny with { IntermediateSize = 0 }, "intermediateSize: expected a whole number from 1 to 2147483647, got 0" },
        { Tiny with { ContextLength = 1 }, "contextLength: expected a whole number from 2 to 2147483647, got 1" },
        { Tiny with { HiddenSize = 36, AttentionHeads = 4, KeyValueHeads = 4 }, "attentionHeads, hiddenSize: expected a head size (hidden size / attention heads) that is a multiple of 16, which rotary embedding in ONNX Runtime's GroupQueryAttention needs, got 36 / 4 = 9" },
        { Tiny with { HiddenSize = 80, AttentionHeads = 4, KeyValueHeads = 4 }, "got 80 / 4 = 20" },
        { Tiny with { RmsNormEpsilon = 0 }, "rmsNormEpsilon: expected a number above 0 and at most 1, got 0" },
        { Tiny with { RopeTheta = double.NaN }, "ropeTheta: expected a number above 1 and at most 1000000000, got NaN" },
        { Tiny with { HiddenSize = 65_536, AttentionHeads = 4, KeyValueHeads = 4, VocabSize = 65_536 }, "hiddenSize, vocabSize, intermediateSize, contextLength: expected sizes whose largest weight fits one array" },
    };

    [Theory]
    [MemberData(nameof(BadConfigs))]
    public void Validate_names_the_fields_and_the_problem_never_an_option(SyntheticModelConfig config, string expected)
    {
        var error = Assert.Throws<InputRangeException>(config.Validate);

        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("--", error.Message);
    }

    [Fact]
    public void The_presets_are_valid()
    {
        SyntheticModelPresets.Tiny.Validate();
        SyntheticModelPresets.Small.Validate();
    }

    [Fact]
    public void An_unknown_preset_names_the_field_the_cli_names_as_its_option_and_the_choices()
    {
        var error = Assert.Throws<InputFieldException>(() => SyntheticModelPresets.Named("huge"));

        Assert.Equal([SyntheticModelPresets.PresetField], error.Fields);
        Assert.Equal("--preset: expected one of tiny, small, got \"huge\"", error.MessageNaming(InferBench.Cli.OptionNames.Of));
    }

    [Fact]
    public void A_config_file_overrides_only_the_fields_it_has()
    {
        var path = Write("sizes.json", """{ "layers": 3, "seed": 7, "ropeTheta": 500000.0 }""");

        var config = SyntheticModelConfigFile.Load(path).ApplyTo(Tiny);

        Assert.Equal(Tiny with { Layers = 3, Seed = 7, RopeTheta = 500_000 }, config);
    }

    [Fact]
    public void An_unknown_field_names_the_file_and_the_field()
    {
        var path = Write("sizes.json", """{ "layers": 3, "numLayers": 4 }""");

        var error = Assert.Throws<InputException>(() => SyntheticModelConfigFile.Load(path));

        Assert.StartsWith("sizes.json: unknown field \"numLayers\" (known: hiddenSize, layers, attentionHeads,", error.Message);
    }

    [Theory]
    [InlineData("""{ "layers": "three" }""", "sizes.json: $.layers: expected a number (a whole number for sizes and the seed)")]
    [InlineData("""{ "layers": 2.5 }""", "sizes.json: $.layers: expected a number (a whole number for sizes and the seed)")]
    [InlineData("""{ "layers": 3, }""", "sizes.json: invalid JSON at line 1, column 16: The JSON object contains a trailing comma at the end which is not supported in this mode. Change the reader options.")]
    [InlineData("""[ 3 ]""", "sizes.json: expected a JSON object of model sizes, got Array")]
    public void A_malformed_config_file_names_the_file_and_the_place(string json, string expected)
    {
        var path = Write("sizes.json", json);

        var error = Assert.Throws<InputException>(() => SyntheticModelConfigFile.Load(path));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void A_missing_config_file_is_named()
    {
        var error = Assert.Throws<InputException>(() => SyntheticModelConfigFile.Load(_temp.Combine("none.json")));

        Assert.Equal($"none.json: file not found at {_temp.Combine("none.json")}", error.Message);
    }

    private string Write(string name, string json)
    {
        var path = _temp.Combine(name);
        File.WriteAllText(path, json);
        return path;
    }
}
