using InferBench.Cli;
using InferBench.Tests.Support;

namespace InferBench.Tests.Cli;

public sealed class CliErrorTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("--prompt-tokens", "12x", "--prompt-tokens: expected integers like 128,512, each a whole number from 1 to 2147483647, got \"12x\"")]
    [InlineData("--gen-tokens", "1", "--gen-tokens: expected a whole number from 2 to 2147483647 (decode speed needs at least one token after the first), got 1")]
    [InlineData("--reps", "0", "--reps: expected a whole number from 1 to 10000, got 0")]
    [InlineData("--ep", "rocm", "rocm")]
    [InlineData("--engine", "vllm", "--engine: expected one of genai-generator, got \"vllm\"")]
    [InlineData("--prompt-text", "", "--prompt-text: expected a value (a path, a name or text), got an empty string")]
    [InlineData("--slo", "itl-p99=30", "--slo: itl-p99: expected a number with a unit (us, ms or s), such as ttft=1s or itl-p99=50ms, got \"30\"")]
    [InlineData("--slo", "tpot=1s", "--slo: expected a metric among ttft, ttft-p90, ttft-p99, itl, itl-p90, itl-p99, e2e, e2e-p90, e2e-p99, got \"tpot\"")]
    [InlineData("--slo", "ttft=NaNs", "--slo: ttft: expected a limit above 0 and at most 1 day (86400 s), got \"NaNs\"")]
    [InlineData("--max-batch", "0", "--max-batch: expected a whole number from 1 to 1048576, got 0")]
    [InlineData("--batch-min-gain", "Infinity", "--batch-min-gain: expected a number from 0 to 1000 (percent of decode tok/s gained over two doublings), with or without %, got \"Infinity\"")]
    [InlineData("--batch", "auto,2", "--batch: expected integers like 128,512, each a whole number from 1 to 2147483647, or auto alone, got \"auto\"")]
    public void Bad_options_exit_2_with_a_message_naming_the_option(string option, string value, string expected)
    {
        var run = CliRun.Invoke("run", "--model-path", _temp.Path, option, value, "--out", _temp.Combine("results"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(expected, run.Error);
        run.AssertNoStackTrace();
    }

    [Fact]
    public void Batch_sweep_options_with_a_batch_list_are_refused_as_they_would_be_ignored()
    {
        var run = CliRun.Invoke("run", "--model-path", _temp.Path, "--batch", "1,2", "--max-batch", "8", "--out", _temp.Combine("results"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--max-batch applies only to --batch auto (or the default plan's CUDA rows); this run has --batch 1,2", run.Error);
        run.AssertNoStackTrace();
    }

    [Fact]
    public void A_missing_manifest_names_the_file()
    {
        var manifest = _temp.Combine("models.manifest.json");

        var run = CliRun.Invoke("run", "--manifest", manifest, "--out", _temp.Combine("results"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal($"inferbench: models.manifest.json: file not found at {manifest}", run.Error.Trim());
    }

    [Fact]
    public void An_invalid_manifest_names_the_file_the_field_and_the_expectation()
    {
        var manifest = _temp.Combine("models.manifest.json");
        File.WriteAllText(manifest, """
            { "schemaVersion": 1, "models": [ { "id": "m", "description": "d", "variants": [
              { "id": "v", "precision": "int3", "executionProviders": ["cpu"], "source": { "path": "x" } } ] } ] }
            """);

        var run = CliRun.Invoke("list", "--manifest", manifest);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("models.manifest.json: $.models[0].variants[0].precision: expected one of fp32, fp16, int8, int4, got \"int3\"", run.Error);
        run.AssertNoStackTrace();
    }

    [Fact]
    public void A_missing_model_path_is_bad_input()
    {
        var missing = _temp.Combine("nowhere");

        var run = CliRun.Invoke("run", "--model-path", missing, "--out", _temp.Combine("results"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal($"inferbench: --model-path: folder not found: {missing}", run.Error.Trim());
    }

    [Theory]
    [InlineData("--model", "llama", "inferbench: --model: no \"llama\" in models.manifest.json (known: m)")]
    [InlineData("--variant", "int4", "inferbench: --variant: no \"int4\" in models.manifest.json (known: v)")]
    public void An_unknown_model_or_variant_filter_lists_the_known_ones(string option, string id, string expected)
    {
        var manifest = _temp.Combine("models.manifest.json");
        File.WriteAllText(manifest, """
            { "schemaVersion": 1, "models": [ { "id": "m", "description": "d", "variants": [
              { "id": "v", "precision": "fp32", "executionProviders": ["cpu"], "source": { "path": "x" } } ] } ] }
            """);

        var run = CliRun.Invoke("run", "--manifest", manifest, option, id, "--out", _temp.Combine("results"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal(expected, run.Error.Trim());
    }

    [Fact]
    public void Report_on_a_missing_run_folder_is_bad_input()
    {
        var run = CliRun.Invoke("report", _temp.Combine("no-run"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(_temp.Combine("no-run"), run.Error);
        run.AssertNoStackTrace();
    }
}
