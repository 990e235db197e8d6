using InferBench.Cli;
using InferBench.Synthetic;
using InferBench.Tests.Support;

namespace InferBench.Tests.Synthetic;

public sealed class ModelsCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Build_writes_the_model_and_prints_its_size_and_build_time()
    {
        var folder = _temp.Combine("tiny");

        var run = CliRun.Invoke("models", "build", "--preset", "tiny", "--out", folder);

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        Assert.True(SyntheticModelStamp.IsCompleteFor(folder, SyntheticModelPresets.Tiny));
        Assert.Contains("parameters: 158,016 (0.2 M)", run.Out);
        Assert.Matches(@"files: +\d[\d,]* bytes \(0\.7 MB\)", run.Out);
        Assert.Matches(@"build: +\d+\.\d\d s", run.Out);
    }

    [Fact]
    public void Layout_writes_the_layouts_of_real_exports_and_records_them()
    {
        var folder = _temp.Combine("phi3-like");

        var run = CliRun.Invoke("models", "build", "--preset", "tiny", "--layout", "fused-gate-up,tied-embeddings", "--layout", "data-file-per-tensor", "--out", folder);

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        Assert.Equal(new SyntheticLayout(FusedGateUp: true, TiedEmbeddings: true, DataFilePerTensor: true), SyntheticModelStamp.TryRead(folder)!.Config.Layout);
        Assert.Contains("parameters: 125,248", run.Out); // the lm_head's 64 × 512 shared with the embedding table
        Assert.False(File.Exists(Path.Combine(folder, "model.onnx.data")));
        Assert.True(File.Exists(Path.Combine(folder, LlamaTensorNames.GateUpProjection(0))));
    }

    [Fact]
    public void An_unknown_layout_exits_2_naming_the_known_ones()
    {
        var run = CliRun.Invoke("models", "build", "--preset", "tiny", "--layout", "fused-qkv", "--out", _temp.Combine("x"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--layout: expected one of fused-gate-up, tied-embeddings, data-file-per-tensor, got \"fused-qkv\"", run.Error);
        Assert.False(Directory.Exists(_temp.Combine("x")));
    }

    [Fact]
    public void Options_override_the_config_file_which_overrides_the_preset()
    {
        var folder = _temp.Combine("model");
        var configPath = _temp.Combine("sizes.json");
        File.WriteAllText(configPath, """{ "layers": 3, "seed": 7 }""");

        var run = CliRun.Invoke("models", "build", "--preset", "tiny", "--config", configPath, "--layers", "1", "--vocab-size", "300", "--out", folder);

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        Assert.Equal(SyntheticModelPresets.Tiny with { Layers = 1, Seed = 7, VocabSize = 300 }, SyntheticModelStamp.TryRead(folder)!.Config);
    }

    [Fact]
    public void A_signal_stops_the_build_with_exit_130_and_leaves_an_earlier_model_in_out_as_it_was()
    {
        var folder = _temp.Combine("tiny");
        Assert.Equal(ExitCodes.AllOk, CliRun.Invoke("models", "build", "--preset", "tiny", "--out", folder).ExitCode);
        var before = Directory.GetFiles(folder).ToDictionary(path => Path.GetFileName(path), File.ReadAllBytes);
        using var signal = new CancellationTokenSource();
        signal.Cancel();

        var run = CliRun.Invoke(signal.Token, "models", "build", "--preset", "tiny", "--seed", "2", "--out", folder);

        Assert.Equal(ExitCodes.Cancelled, run.ExitCode);
        Assert.Contains("Stopping models build; nothing half-written is left behind (signal again to abort).", run.Error);
        Assert.Contains($"inferbench: models build stopped before it finished; {folder} is as it was (the half-written copy was removed); run the same command to start again", run.Error);
        run.AssertNoStackTrace();
        Assert.Empty(run.Out);
        Assert.Equal(before, Directory.GetFiles(folder).ToDictionary(path => Path.GetFileName(path), File.ReadAllBytes));
        Assert.Equal(["tiny"], Directory.GetFileSystemEntries(_temp.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("--heads", "5", "inferbench: --heads, hiddenSize of preset small: expected attention heads that divide the hidden size, got 5 heads for hidden size 512")]
    [InlineData("--kv-heads", "3", "inferbench: --kv-heads, attentionHeads of preset small: expected key/value heads that divide the attention heads, got 3 key/value heads for 8 attention heads")]
    [InlineData("--layers", "0", "inferbench: --layers: expected a whole number from 1 to 1024 (the deepest published LLMs have about 130), got 0")]
    [InlineData("--vocab-size", "1", "inferbench: --vocab-size: expected a whole number from 2 to 2147483647, got 1")]
    [InlineData("--preset", "huge", "huge")]
    [InlineData("--seed", "x", "inferbench: --seed: expected a whole number from -2147483648 to 2147483647, got \"x\"")]
    [InlineData("--seed", "99999999999", "inferbench: --seed: expected a whole number from -2147483648 to 2147483647, got \"99999999999\"")]
    [InlineData("--layers", "1e3", "inferbench: --layers: expected a whole number from 1 to 1024 (the deepest published LLMs have about 130), got \"1e3\"")]
    [InlineData("--hidden-size", "99999999999", "inferbench: --hidden-size: expected a whole number from 1 to 2147483647, got \"99999999999\"")]
    public void Bad_options_exit_2_with_a_message_naming_the_option(string option, string value, string expected)
    {
        var folder = _temp.Combine("model");

        var run = CliRun.Invoke("models", "build", option, value, "--out", folder);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(expected, run.Error);
        Assert.DoesNotContain("System.", run.Error);
        run.AssertNoStackTrace();
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void A_size_from_the_config_file_is_named_by_the_file_and_its_field_one_from_an_option_by_the_option()
    {
        var configPath = _temp.Combine("sizes.json");
        File.WriteAllText(configPath, """{ "hiddenSize": 80 }""");

        var run = CliRun.Invoke("models", "build", "--preset", "tiny", "--config", configPath, "--heads", "4", "--out", _temp.Combine("model"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.StartsWith("inferbench: --heads, sizes.json: hiddenSize: expected a head size (hidden size / attention heads) that is a multiple of 16", run.Error);
    }

    [Fact]
    public void A_size_out_of_range_in_the_config_file_names_the_file_and_its_field_not_an_option()
    {
        var configPath = _temp.Combine("sizes.json");
        File.WriteAllText(configPath, """{ "layers": 0 }""");

        var run = CliRun.Invoke("models", "build", "--preset", "tiny", "--config", configPath, "--out", _temp.Combine("model"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.StartsWith("inferbench: sizes.json: layers: expected a whole number from 1 to 1024", run.Error);
    }

    [Fact]
    public void A_config_file_with_an_unknown_field_exits_2_naming_file_and_field()
    {
        var configPath = _temp.Combine("sizes.json");
        File.WriteAllText(configPath, """{ "hidden": 128 }""");

        var run = CliRun.Invoke("models", "build", "--config", configPath, "--out", _temp.Combine("model"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.StartsWith("inferbench: sizes.json: unknown field \"hidden\"", run.Error);
    }

    [Fact]
    public void Out_is_required()
    {
        var run = CliRun.Invoke("models", "build", "--preset", "tiny");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--out", run.Error);
    }
}
