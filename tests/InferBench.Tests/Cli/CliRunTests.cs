using System.Text.Json;
using InferBench.Cli;
using InferBench.Engines;
using InferBench.Reports;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Cli;

public sealed class CliRunTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private CliRun RunOnFixture(params string[] extra) => CliRun.Invoke(
    [
        "run", "--model-path", SharedFixtures.RequireTinyGpt2(), "--prompt-tokens", "8,16", "--gen-tokens", "4",
        "--batch", "1,2", "--warmup", "1", "--reps", "2", "--threads", "1", "--out", _temp.Combine("results"), "--json", .. extra,
    ]);

    [SkippableFact]
    public void A_run_writes_valid_run_json_csv_and_report_and_prints_the_run_json_path()
    {
        var run = RunOnFixture();

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        var runJsonPath = run.Out.Trim();
        Assert.True(File.Exists(runJsonPath), run.Out + run.Error);
        var json = File.ReadAllText(runJsonPath);
        Assert.Empty(RunSchema.Errors(json));
        var result = RunJson.Deserialize(json, runJsonPath);
        Assert.Equal(4, result.Results.Count);
        Assert.All(result.Results, row => Assert.Equal(ResultStatus.Ok, row.Status));
        Assert.NotNull(result.FinishedUtc);
        Assert.Equal(ExecutionProvider.Auto, result.Plan.ExecutionProvider);
        Assert.All(result.Results, row => Assert.Equal("cpu", row.ExecutionProvider));
        Assert.All(result.Results, row => Assert.Null(row.Reason));
        Assert.StartsWith("inferbench run --model-path", result.CommandLine);
        var folder = Path.GetDirectoryName(runJsonPath)!;
        Assert.Equal(5, File.ReadAllLines(Path.Combine(folder, "results.csv")).Length);
        Assert.Contains("| local | fp32 | cpu | 2 | 16 | 4 | ok |", File.ReadAllText(Path.Combine(folder, "report.md")));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp*"));
    }

    [SkippableFact]
    public void Without_batch_the_plan_keeps_the_list_on_the_cpu_and_records_the_doubling_it_would_do_on_cuda()
    {
        var run = CliRun.Invoke("run", "--model-path", SharedFixtures.RequireTinyGpt2(), "--prompt-tokens", "8", "--gen-tokens", "4",
            "--warmup", "0", "--reps", "1", "--threads", "1", "--fidelity", "false", "--idle-seconds", "0", "--out", _temp.Combine("results"), "--json");

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        var result = RunJson.Deserialize(File.ReadAllText(run.Out.Trim()), "run.json");
        Assert.Equal([1, 4], result.Plan.BatchSizes);
        Assert.Equal(new AutoBatch(256, 10, CudaOnly: true), result.Plan.AutoBatch);
        Assert.Equal([1, 4], result.Results.Select(row => row.BatchSize));
        Assert.All(result.Results, row => Assert.Null(row.BatchStop));
    }

    [SkippableFact]
    public void Batch_auto_with_a_target_writes_the_verdicts_the_stop_and_the_best_operating_point_in_every_file()
    {
        var run = RunOnFixtureWith("--batch", "auto", "--max-batch", "2", "--slo", "itl-p99=10s", "--price-per-hour", "2");

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        var runJsonPath = run.Out.Trim();
        var json = File.ReadAllText(runJsonPath);
        Assert.Empty(RunSchema.Errors(json));
        var result = RunJson.Deserialize(json, runJsonPath);
        Assert.Equal((new AutoBatch(2, 10, CudaOnly: false), 0), (result.Plan.AutoBatch, result.Plan.BatchSizes.Count));
        Assert.Equal([new LatencyTarget(LatencyMetric.ItlP99, 10_000)], result.Plan.LatencyTargets!);
        Assert.Equal([(1, 8), (2, 8), (1, 16), (2, 16)], result.Results.Select(row => (row.BatchSize, row.PromptTokens)));
        Assert.All(result.Results, row => Assert.True(row.Targets!.Met));
        Assert.Equal([null, BatchStopReason.MaxBatch, null, BatchStopReason.MaxBatch], result.Results.Select(row => row.BatchStop?.Reason));
        var folder = Path.GetDirectoryName(runJsonPath)!;
        var csv = File.ReadAllLines(Path.Combine(folder, "results.csv"));
        Assert.Contains(",itl-p99<=10000ms,true,,max-batch,doubling batch 2 would pass the maximum batch size 2,", csv[2]);
        var best = result.Results.Where(row => row.PromptTokens == 8).MaxBy(row => row.Metrics!.DecodeTokensPerSecond.Median)!;
        foreach (var report in new[] { "report.md", "report.html" })
        {
            var text = File.ReadAllText(Path.Combine(folder, report));
            Assert.Contains("Best operating point", text);
            Assert.Contains($"local on cpu (prompt 8, gen 4): serve at batch {best.BatchSize}:", text);
        }
        Assert.Contains("Frontier: local · cpu, prompt 8, gen 4", File.ReadAllText(Path.Combine(folder, "report.html")));
    }

    private CliRun RunOnFixtureWith(params string[] options) => CliRun.Invoke(
    [
        "run", "--model-path", SharedFixtures.RequireTinyGpt2(), "--prompt-tokens", "8,16", "--gen-tokens", "4",
        "--warmup", "0", "--reps", "2", "--threads", "1", "--fidelity", "false", "--idle-seconds", "0", "--out", _temp.Combine("results"), "--json",
        .. options,
    ]);

    [Fact]
    public void Rounds_2_records_each_row_round_in_every_file_and_the_drift_between_rounds()
    {
        var model = _temp.Combine("tiny");
        InferBench.Synthetic.SyntheticModelWriter.Write(InferBench.Synthetic.SyntheticModelPresets.Tiny, model);

        var run = CliRun.Invoke("run", "--model-path", model, "--prompt-tokens", "8", "--gen-tokens", "4", "--batch", "1", "--warmup", "0",
            "--reps", "3", "--rounds", "2", "--threads", "1", "--fidelity", "false", "--out", _temp.Combine("results"), "--json");

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        var json = File.ReadAllText(run.Out.Trim());
        Assert.Empty(RunSchema.Errors(json));
        var result = RunJson.Deserialize(json, "run.json");
        Assert.Equal(2, result.Plan.Rounds);
        Assert.Equal([1, 2], result.Results.Select(row => row.Round));
        Assert.Equal(2, result.Drift!.Differences.Count);
        var folder = Path.GetDirectoryName(run.Out.Trim())!;
        var csv = File.ReadAllLines(Path.Combine(folder, "results.csv"));
        var round = Array.IndexOf(csv[0].Split(','), "round");
        Assert.Equal(["1", "2"], csv.Skip(1).Select(line => line.Split(',')[round]));
        Assert.Contains("## Drift between rounds", File.ReadAllText(Path.Combine(folder, "report.md")), StringComparison.Ordinal);
        Assert.Contains("  tiny/local batch 1, prompt 8, gen 4 (round 2): decode ", run.Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Cuda_on_the_cpu_build_gives_unsupported_rows_not_a_failure_and_exits_nothing_measured()
    {
        Skip.If(InferBench.Engines.BuildFlavour.IsCuda, "this is the CUDA build");
        var run = RunOnFixture("--ep", "cuda");

        Assert.Equal(ExitCodes.NothingMeasured, run.ExitCode);
        Assert.Contains("nothing was measured: every row is unsupported or skipped; first reason: needs the CUDA build", run.Error);
        var result = RunJson.Deserialize(File.ReadAllText(run.Out.Trim()), "run.json");
        Assert.All(result.Results, row =>
        {
            Assert.Equal(ResultStatus.Unsupported, row.Status);
            Assert.StartsWith("needs the CUDA build of InferBench and an NVIDIA GPU", row.Reason);
        });
    }

    [SkippableFact]
    public void Report_renders_the_csv_and_markdown_again_from_run_json()
    {
        var folder = Path.GetDirectoryName(RunOnFixture().Out.Trim())!;
        var csv = Path.Combine(folder, "results.csv");
        var markdown = Path.Combine(folder, "report.md");
        var (csvBefore, markdownBefore) = (File.ReadAllText(csv), File.ReadAllText(markdown));
        File.Delete(csv);
        File.Delete(markdown);

        var report = CliRun.Invoke("report", folder);

        Assert.Equal(ExitCodes.AllOk, report.ExitCode);
        Assert.Equal(csvBefore, File.ReadAllText(csv));
        Assert.Equal(markdownBefore, File.ReadAllText(markdown));
    }

    private string ManifestWithAbsentVariant()
    {
        var manifest = _temp.Combine("models.manifest.json");
        File.WriteAllText(manifest, """
            { "schemaVersion": 1, "models": [ { "id": "m", "description": "d", "variants": [
              { "id": "v", "precision": "int4", "executionProviders": ["cpu"], "source": { "path": "not-here" } } ] } ] }
            """);
        return manifest;
    }

    [Fact]
    public void A_named_model_that_is_absent_is_a_skipped_row_with_its_reason_and_nothing_measured()
    {
        var run = CliRun.Invoke("run", "--manifest", ManifestWithAbsentVariant(), "--model", "m", "--prompt-tokens", "8",
            "--gen-tokens", "4", "--batch", "1", "--out", _temp.Combine("results"), "--json");

        Assert.Equal(ExitCodes.NothingMeasured, run.ExitCode);
        using var document = JsonDocument.Parse(File.ReadAllText(run.Out.Trim()));
        var row = document.RootElement.GetProperty("results")[0];
        Assert.Equal("skipped", row.GetProperty("status").GetString());
        Assert.Equal($"not present locally: {_temp.Combine("not-here")}", row.GetProperty("reason").GetString());
    }

    [Fact]
    public void A_run_without_filters_sweeps_only_what_is_here_and_names_the_rest()
    {
        var run = CliRun.Invoke("run", "--manifest", ManifestWithAbsentVariant(), "--prompt-tokens", "8",
            "--gen-tokens", "4", "--batch", "1", "--out", _temp.Combine("results"), "--json");

        Assert.Equal(ExitCodes.NothingMeasured, run.ExitCode);
        Assert.Contains("nothing was measured: no variant to run (0 rows)", run.Error);
        Assert.Contains("Not swept (not on this machine; name them with --model to see why): m/v", run.Error);
        using var document = JsonDocument.Parse(File.ReadAllText(run.Out.Trim()));
        Assert.Equal(0, document.RootElement.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public void The_summary_of_a_run_with_no_rows_says_so_plainly()
    {
        var run = CliRun.Invoke("run", "--manifest", ManifestWithAbsentVariant(), "--prompt-tokens", "8",
            "--gen-tokens", "4", "--batch", "1", "--out", _temp.Combine("results"));

        Assert.Equal(ExitCodes.NothingMeasured, run.ExitCode);
        Assert.StartsWith("0 rows.\n", run.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void List_shows_each_variant_and_whether_it_is_present()
    {
        var present = Directory.CreateDirectory(_temp.Combine("here")).FullName;
        var manifest = _temp.Combine("models.manifest.json");
        File.WriteAllText(manifest, """
            { "schemaVersion": 1, "models": [ { "id": "m", "description": "d", "variants": [
              { "id": "present", "precision": "fp32", "executionProviders": ["cpu"], "source": { "path": "here" } },
              { "id": "absent", "precision": "int4", "executionProviders": ["cpu", "cuda"], "source": { "path": "gone" } } ] } ] }
            """);

        var run = CliRun.Invoke("list", "--manifest", manifest);

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        var lines = run.Out.Split('\n');
        Assert.Contains(lines, l => l.Contains("present") && l.Contains("fp32") && l.Contains("yes"));
        Assert.Contains(lines, l => l.Contains("absent") && l.Contains("cpu, cuda") && l.Contains("no: not present locally"));
        Assert.True(Directory.Exists(present));
    }

    [Fact]
    public void List_shows_what_a_derived_variant_comes_from_and_the_rungs_the_model_lacks()
    {
        using var temp = new TempFolder();
        var manifest = temp.Combine("models.manifest.json");
        File.WriteAllText(manifest, """
            { "schemaVersion": 1, "models": [ { "id": "m", "description": "d", "variants": [
              { "id": "fp16", "precision": "fp16", "executionProviders": ["cuda"], "source": { "path": "gone" } },
              { "id": "int4", "precision": "int4", "executionProviders": ["cpu"], "source": { "derived": { "from": "fp16", "blockSize": 128 } } } ] } ] }
            """);

        var run = CliRun.Invoke("list", "--manifest", manifest);

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        var lines = run.Out.Split('\n');
        Assert.Contains(lines, l => l.Contains("int4") && l.Contains("derived from fp16, int4 block 128 symmetric") && l.Contains("no: derived from fp16, which is not present locally"));
        Assert.Contains("m: no cuda int8, cuda int4, cpu int8: not in the manifest; it can be derived from fp16", lines);
    }
}
