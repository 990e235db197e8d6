using System.Text.Json;
using InferBench.Cli;
using InferBench.Reports;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Cli;

/// <summary>The built-in default path at the tiny size: synthetic variants built on first use, measured, compared.</summary>
public sealed class SyntheticRunTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Manifest()
    {
        var manifest = _temp.Combine("models.manifest.json");
        File.WriteAllText(manifest, """
            { "schemaVersion": 1, "models": [ { "id": "syn", "description": "tiny synthetic", "variants": [
              { "id": "fp32", "precision": "fp32", "executionProviders": ["cpu"], "source": { "synthetic": { "preset": "tiny" } } },
              { "id": "int4", "precision": "int4", "executionProviders": ["cpu"], "source": { "synthetic": { "preset": "tiny" } } } ] } ] }
            """);
        return manifest;
    }

    private RunResult Run(string manifest, params string[] repetitions)
    {
        var run = CliRun.Invoke(["run", "--manifest", manifest, "--prompt-tokens", "16", "--gen-tokens", "4", "--batch", "1",
            "--warmup", "0", .. repetitions.Length == 0 ? ["--reps", "2"] : repetitions, "--threads", "1", "--power", "estimate", "--idle-seconds", "0", "--steady-window-seconds", "20",
            "--out", _temp.Combine("results"), "--json"]);
        Assert.True(run.ExitCode == ExitCodes.AllOk, run.Error);
        return RunFolder.Read(Path.GetDirectoryName(run.Out.Trim())!);
    }

    [Fact]
    public void Synthetic_variants_are_built_on_first_use_measured_and_compared_with_the_fp32_reference()
    {
        var result = Run(Manifest());

        Assert.Equal(["fp32", "int4"], result.Results.Select(r => r.Variant));
        Assert.All(result.Results, row => Assert.Equal(ResultStatus.Ok, row.Status));
        Assert.Null(result.Results[0].Fidelity);
        var fidelity = result.Results[1].Fidelity!;
        Assert.Equal("fp32", fidelity.Reference);
        Assert.InRange(fidelity.Top1Agreement, 0.5, 1);
        Assert.True(fidelity.MeanKlDivergenceNats > 0);
        // llama.cpp's KL statistics and same-top error; no Δp, as a random sequence's next token is noise.
        Assert.Equal((fidelity.MeanKlDivergenceNats, fidelity.P99KlDivergenceNats),
            (fidelity.KlDivergenceDistributionNats!.Mean, fidelity.KlDivergenceDistributionNats.Percentiles.Single(p => p.Percent == 99).Value));
        Assert.True(fidelity.KlDivergenceDistributionNats.MeanStandardError > 0 && fidelity.Top1AgreementStandardError > 0);
        Assert.Null(fidelity.TokenProbabilityDelta);
        Assert.Null(fidelity.TokenProbabilityDeltaRms);
        // No tokenizer: the seeded random-token drift, and every row says so; no perplexity, no evaluation text.
        Assert.All(result.Results, row => Assert.Equal(new ScenarioQuality(QualityMethod.RandomTokens, Reference: "fp32"), row.Quality));
        Assert.Null(result.EvaluationText);
        Assert.Equal("estimated-cpu-tdp", result.Power!.Source);
        Assert.All(result.Results, row => Assert.Equal("estimated-cpu-tdp", row.Energy!.Source));
        Assert.Equal(SteadyStatePlan.Default with { WindowSeconds = 20 }, result.Plan.SteadyState); // recorded, though only NVML runs use it
        Assert.All(result.Results, row => Assert.Null(row.Gpu)); // a CPU run has no GPU warmup
        var cached = Directory.GetDirectories(_temp.Combine(".cache", "models", "syn"));
        Assert.Equal(["fp32", "int4"], Directory.GetDirectories(Assert.Single(cached)).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_second_run_reuses_the_built_variants()
    {
        var manifest = Manifest();
        Run(manifest);
        var modelFile = Directory.GetFiles(_temp.Combine(".cache", "models", "syn"), "model.onnx", SearchOption.AllDirectories);
        var writeTimes = modelFile.Select(File.GetLastWriteTimeUtc).ToArray();

        Run(manifest);

        Assert.Equal(writeTimes, modelFile.Select(File.GetLastWriteTimeUtc));
    }

    [Fact]
    public void Reps_auto_stops_every_point_for_a_recorded_reason()
    {
        var result = Run(Manifest(), "--reps", "auto", "--max-reps", "12", "--variant", "fp32", "--batch", "1,2");

        Assert.Equal(new AutoRepetitions(2, 12, 60), result.Plan.AutoRepetitions);
        Assert.Equal(2, result.Results.Count);
        Assert.All(result.Results, row =>
        {
            var stop = row.RepetitionStop!;
            Assert.Contains(stop.Reason, new[] { RepetitionStopReason.Precise, RepetitionStopReason.MaxReps, RepetitionStopReason.TimeCap });
            Assert.InRange(stop.MeasuredRepetitions, 3, 12);
            Assert.Equal(stop.MeasuredRepetitions, row.Metrics!.DecodeTokensPerSecond.Count);
            Assert.Equal(stop.MeasuredRepetitions, row.Repetitions.Count(r => r.Phase == RepetitionPhase.Measured));
            Assert.Equal(2, stop.TargetHalfWidthPercent);
            Assert.Equal(stop.Reason == RepetitionStopReason.Precise, stop.DecodeHalfWidthPercent <= 2);
        });
    }

    [Theory]
    [InlineData("--max-seconds-per-point", "0.000001", "time-cap", 3)] // the cap is past after the 3 repetitions a point always runs
    [InlineData("--max-reps", "10", "max-reps", 10)] // the lowest cap; a target of ±0.0001% is not reached in 10
    public void Reps_auto_records_a_cap_as_the_reason_and_the_report_names_the_point_that_missed_its_target(string option, string value, string reason, int repetitions)
    {
        var result = Run(Manifest(), "--reps", "auto", "--target-ci", "0.0001", option, value, "--variant", "fp32");

        var stop = Assert.Single(result.Results).RepetitionStop!;
        Assert.Equal(reason, JsonEnumName.Of(stop.Reason));
        Assert.Equal(repetitions, stop.MeasuredRepetitions);
        var folder = Directory.GetDirectories(_temp.Combine("results")).Single();
        Assert.Contains($"not reached: fp32 batch 1, prompt 16, gen 4: {reason} after {repetitions} repetitions", File.ReadAllText(Path.Combine(folder, "report.md")));
        // Three repetitions are too few for a 95% interval of the median: the cell is empty.
        var reached = stop.DecodeHalfWidthPercent is { } halfWidth ? CsvNumber(halfWidth) : "";
        Assert.Contains($",{reason},{reached},{CsvNumber(0.0001)},", File.ReadAllLines(Path.Combine(folder, "results.csv"))[1]);
    }

    [Fact]
    public void A_fixed_reps_run_records_planned_and_no_target()
    {
        var stop = Assert.Single(Run(Manifest(), "--reps", "2", "--variant", "fp32").Results).RepetitionStop!;

        Assert.Equal(new RepetitionStop(RepetitionStopReason.Planned, 2, stop.DecodeHalfWidthPercent, null, null), stop);
        Assert.False(stop.TargetMissed);
    }

    private static string CsvNumber(double value) => InferBench.Reports.Columns.CsvNumber.Format(value);
}
