using InferBench.Results;
using InferBench.Statistics;

namespace InferBench.Tests.Statistics;

public sealed class BatchDoublingRuleTests
{
    private static readonly AutoBatch Plan = new(MaxBatchSize: 64, MinGainPercent: 10, CudaOnly: false);

    [Fact]
    public void Doubles_while_throughput_grows_by_the_threshold_over_two_doublings()
    {
        Assert.Null(BatchDoublingRule.Decide(Plan, [(1, 100)], null));
        Assert.Null(BatchDoublingRule.Decide(Plan, [(1, 100), (2, 101)], null));
        // 110 is exactly 10% above batch 1's 100: still worth a doubling.
        Assert.Null(BatchDoublingRule.Decide(Plan, [(1, 100), (2, 101), (4, 110)], null));
    }

    [Fact]
    public void Stops_when_two_doublings_gained_less_than_the_threshold_and_says_by_how_much()
    {
        var stop = BatchDoublingRule.Decide(Plan, [(1, 100), (2, 180), (4, 250), (8, 190), (16, 195)], null);

        Assert.Equal(BatchStopReason.ThroughputFlat, stop!.Reason);
        Assert.Contains("from batch 4 to 16", stop.Detail);
        Assert.Contains("-22.0%", stop.Detail);
    }

    [Fact]
    public void A_broken_latency_target_stops_first_and_names_the_target_with_its_value()
    {
        var verdict = new TargetVerdict(false, [new TargetReading(LatencyMetric.ItlP99, 30, 41.26, false)]);

        var stop = BatchDoublingRule.Decide(Plan, [(1, 100), (2, 190)], verdict);

        Assert.Equal(BatchStopReason.TargetBroken, stop!.Reason);
        Assert.Contains("itl-p99 (41.3 ms, limit 30.0 ms)", stop.Detail);
    }

    [Fact]
    public void Stops_at_the_largest_power_of_two_within_the_maximum()
    {
        Assert.Null(BatchDoublingRule.Decide(Plan with { MaxBatchSize = 48 }, [(1, 1), (2, 2), (4, 4), (8, 8), (16, 16)], null));
        var stop = BatchDoublingRule.Decide(Plan with { MaxBatchSize = 48 }, [(1, 1), (2, 2), (4, 4), (8, 8), (16, 16), (32, 32)], null);

        Assert.Equal(BatchStopReason.MaxBatch, stop!.Reason);
    }

    [Fact]
    public void A_minimum_gain_of_0_never_stops_for_flat_throughput()
    {
        Assert.Null(BatchDoublingRule.Decide(Plan with { MinGainPercent = 0 }, [(1, 100), (2, 90), (4, 50)], null));
    }
}
