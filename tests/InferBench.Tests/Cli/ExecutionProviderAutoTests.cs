using InferBench.Cli;
using InferBench.Engines;
using InferBench.Reports;
using InferBench.Results;
using InferBench.Runner;
using InferBench.Tests.Support;

namespace InferBench.Tests.Cli;

/// <summary>
/// --ep auto, the default: a model runs where it was made to run, and a model configured for CUDA never runs on the CPU
/// silently: on the CPU build it is unsupported (nothing measured), and with --ep cpu its rows say what it asked for.
/// </summary>
public sealed class ExecutionProviderAutoTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private (CliRun Run, RunResult Result) RunOn(string modelFolder, params string[] extra)
    {
        var run = CliRun.Invoke(
        [
            "run", "--model-path", modelFolder, "--prompt-tokens", "8", "--gen-tokens", "4", "--batch", "1", "--warmup", "0",
            "--reps", "1", "--threads", "1", "--power", "none", "--fidelity", "false", "--out", _temp.Combine("results"), "--json", .. extra,
        ]);
        var path = run.Out.Trim();
        Assert.True(File.Exists(path), run.Out + run.Error);
        return (run, RunFolder.Read(Path.GetDirectoryName(path)!));
    }

    private string CudaConfiguredModel() =>
        CudaConfigured.CopyWithProviderOptions(_temp, SharedFixtures.RequireTinyGpt2(), CudaConfigured.CudaProviderOptions);

    [SkippableFact]
    public void By_default_a_cuda_configured_model_is_tried_on_cuda_and_on_the_cpu_build_nothing_is_measured()
    {
        Skip.If(BuildFlavour.IsCuda, "this is the CUDA build: the model would run on CUDA");

        var (run, result) = RunOn(CudaConfiguredModel());

        Assert.Equal(ExitCodes.NothingMeasured, run.ExitCode);
        Assert.Equal(ExecutionProvider.Auto, result.Plan.ExecutionProvider);
        var row = Assert.Single(result.Results);
        Assert.Equal(ResultStatus.Unsupported, row.Status);
        Assert.Equal("cuda", row.ExecutionProvider);
        Assert.StartsWith("needs the CUDA build of InferBench and an NVIDIA GPU", row.Reason);
    }

    [SkippableFact]
    public void With_ep_cpu_a_cuda_configured_model_runs_and_its_row_says_what_its_configuration_asked_for()
    {
        var (run, result) = RunOn(CudaConfiguredModel(), "--ep", "cpu");

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        var row = Assert.Single(result.Results);
        Assert.Equal(ResultStatus.Ok, row.Status);
        Assert.Equal("cpu", row.ExecutionProvider);
        const string note = "genai_config.json asks for the cuda provider; this row ran on cpu";
        Assert.Equal(note, row.Reason);
        var folder = Path.GetDirectoryName(run.Out.Trim())!;
        Assert.Contains(note.Replace("_", "\\_"), File.ReadAllText(Path.Combine(folder, "report.md")), StringComparison.Ordinal); // report.md escapes Markdown
        Assert.Contains(note, File.ReadAllText(Path.Combine(folder, "results.csv")), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_model_configured_for_a_provider_inferbench_does_not_run_is_unsupported_with_the_way_out()
    {
        var folder = CudaConfigured.CopyWithProviderOptions(_temp, SharedFixtures.RequireTinyGpt2(), """[ { "dml": {} } ]""");

        var (run, result) = RunOn(folder);

        Assert.Equal(ExitCodes.NothingMeasured, run.ExitCode);
        var row = Assert.Single(result.Results);
        Assert.Equal(ResultStatus.Unsupported, row.Status);
        Assert.Equal("dml", row.ExecutionProvider);
        Assert.Equal("genai_config.json asks for the dml provider, which InferBench does not run; it can run the model on the cpu provider instead", row.Reason);
    }

    [SkippableFact]
    public void A_manifest_variant_runs_on_its_first_provider_this_build_can_run()
    {
        Skip.If(BuildFlavour.IsCuda, "this is the CUDA build");
        var manifest = _temp.Combine("models.manifest.json");
        File.WriteAllText(manifest, """
            { "schemaVersion": 1, "models": [ { "id": "m", "description": "d", "variants": [
              { "id": "either", "precision": "int4", "executionProviders": ["cuda", "cpu"], "source": { "path": "gone-1" } },
              { "id": "gpu-only", "precision": "fp16", "executionProviders": ["cuda"], "source": { "path": "gone-2" } } ] } ] }
            """);

        var run = CliRun.Invoke("run", "--manifest", manifest, "--model", "m", "--prompt-tokens", "8", "--gen-tokens", "4", "--batch", "1",
            "--power", "none", "--fidelity", "false", "--out", _temp.Combine("results"), "--json");

        var rows = RunFolder.Read(Path.GetDirectoryName(run.Out.Trim())!).Results;
        Assert.Equal(["either:cpu", "gpu-only:cuda"], rows.Select(row => $"{row.Variant}:{row.ExecutionProvider}"));
    }
}
