using InferBench.Cost.Runs;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Cost;

public sealed class BestOperatingPointTests
{
    // MeasuredRow's TTFT median is 100 ms x batch; its inter-token latency median 1000 / decode tok/s and its p99 3 ms above that.
    private static readonly ScenarioResult[] Rows =
    [
        ReportSamples.MeasuredRow("cpu-fp32", "fp32", batch: 1, decodeTokensPerSecond: 20, joulesPerToken: 2.0),
        ReportSamples.MeasuredRow("cpu-fp32", "fp32", batch: 2, decodeTokensPerSecond: 36, joulesPerToken: 1.5),
        ReportSamples.MeasuredRow("cpu-fp32", "fp32", batch: 4, decodeTokensPerSecond: 60, joulesPerToken: 1.0),
        ReportSamples.MeasuredRow("cpu-fp32", "fp32", batch: 8, decodeTokensPerSecond: 64, joulesPerToken: 0.9)
            with { BatchStop = new BatchStop(BatchStopReason.ThroughputFlat, "flat") },
        ReportSamples.MeasuredRow("cpu-int4", "int4", batch: 1, decodeTokensPerSecond: 54, joulesPerToken: 0.9),
    ];

    private static readonly RunPricing Pricing = new(ReportSamples.Run().Cost);

    [Fact]
    public void Picks_the_highest_throughput_that_meets_the_targets_and_prices_it()
    {
        // TTFT 100, 200, 400, 800 ms: a 400 ms target allows batch 4, not 8.
        var choices = BestOperatingPoint.Choose(Rows, [new LatencyTarget(LatencyMetric.Ttft, 400)], Pricing);

        var fp32 = choices[0];
        Assert.Equal(("cpu-fp32", 128, 64), (fp32.Variant, fp32.PromptTokens, fp32.GenTokens));
        Assert.Equal([1, 2, 4, 8], fp32.Points.Select(p => p.Row.BatchSize));
        Assert.Equal(4, fp32.Best!.Row.BatchSize);
        Assert.Equal(60, fp32.Best.MachineTokensPerSecond);
        Assert.Equal(15, fp32.Best.PerSequenceTokensPerSecond);
        Assert.Equal(1.0, fp32.Best.JoulesPerGeneratedToken!.Value.Value);
        // $3.99/h at 50% utilisation over 60 tok/s.
        Assert.Equal(3.99 / (60 * 3600 * 0.5) * 1e6, fp32.Best.HardwarePerMillionGeneratedTokens!.Value.Value, 9);
        Assert.Equal([true, true, true, false], fp32.Points.Select(p => p.MeetsTargets));
        Assert.Empty(fp32.FirstMissed);
        Assert.Equal(BatchStopReason.ThroughputFlat, fp32.Stop!.Reason);
        Assert.Equal("cpu-int4", choices[1].Variant);
    }

    [Fact]
    public void When_no_batch_meets_the_targets_it_names_what_the_smallest_batch_already_misses()
    {
        var choices = BestOperatingPoint.Choose(Rows, [new LatencyTarget(LatencyMetric.Ttft, 50), new LatencyTarget(LatencyMetric.ItlP99, 10)], Pricing);

        Assert.Null(choices[0].Best);
        // Batch 1: TTFT 100 ms (2x its limit), ITL p99 53 ms (5.3x): the worse miss first.
        Assert.Equal([LatencyMetric.ItlP99, LatencyMetric.Ttft], choices[0].FirstMissed.Select(r => r.Metric));
    }

    [Fact]
    public void Without_targets_the_best_is_the_highest_throughput_and_rows_that_did_not_run_are_left_out()
    {
        ScenarioResult[] rows = [.. Rows, Rows[0] with { BatchSize = 16, Status = ResultStatus.Unsupported, Metrics = null, Reason = "out of memory" }];

        var choice = BestOperatingPoint.Choose(rows, null, new RunPricing(null))[0];

        Assert.Equal(8, choice.Best!.Row.BatchSize);
        Assert.Null(choice.Best.Verdict);
        Assert.Null(choice.Best.HardwarePerMillionGeneratedTokens);
        Assert.Equal(4, choice.Points.Count);
    }
}
