using InferBench.Results;
using InferBench.Statistics;

namespace InferBench.Tests.Statistics;

public sealed class LatencyTargetJudgeTests
{
    private static SampleStatistics Stats(double median, double p90, double p99) => new(10, median, median, p90, p99, median, p99, 1, median - 1, median + 1);

    private static readonly ScenarioMetrics Metrics = new(
        TimeToFirstTokenMilliseconds: Stats(100, 120, 150),
        PrefillTokensPerSecond: Stats(1000, 1000, 1000),
        DecodeTokensPerSecond: Stats(50, 50, 50),
        InterTokenLatencyMilliseconds: Stats(20, 25, 40),
        EndToEndSeconds: Stats(1.5, 1.6, 1.9));

    [Theory]
    [InlineData(LatencyMetric.Ttft, 100)]
    [InlineData(LatencyMetric.TtftP90, 120)]
    [InlineData(LatencyMetric.TtftP99, 150)]
    [InlineData(LatencyMetric.Itl, 20)]
    [InlineData(LatencyMetric.ItlP90, 25)]
    [InlineData(LatencyMetric.ItlP99, 40)]
    [InlineData(LatencyMetric.E2e, 1500)]
    [InlineData(LatencyMetric.E2eP90, 1600)]
    [InlineData(LatencyMetric.E2eP99, 1900)]
    public void Each_metric_reads_its_statistic_in_milliseconds(LatencyMetric metric, double milliseconds) =>
        Assert.Equal(milliseconds, LatencyTargetJudge.Milliseconds(Metrics, metric), 9);

    [Fact]
    public void A_row_meets_the_targets_only_when_each_is_at_most_its_limit_and_the_worst_miss_comes_first()
    {
        var verdict = LatencyTargetJudge.Judge(Metrics,
            [new LatencyTarget(LatencyMetric.Ttft, 100), new LatencyTarget(LatencyMetric.ItlP99, 30), new LatencyTarget(LatencyMetric.E2e, 1000)])!;

        Assert.False(verdict.Met);
        Assert.Equal([true, false, false], verdict.Readings.Select(r => r.Met));
        Assert.Equal([LatencyMetric.E2e, LatencyMetric.ItlP99], verdict.Missed.Select(r => r.Metric));
        Assert.True(LatencyTargetJudge.Judge(Metrics, [new LatencyTarget(LatencyMetric.ItlP99, 40)])!.Met);
        Assert.Null(LatencyTargetJudge.Judge(Metrics, []));
    }

    [Fact]
    public void A_statistic_that_is_not_a_number_meets_no_target()
    {
        var single = Metrics with { InterTokenLatencyMilliseconds = Stats(double.NaN, double.NaN, double.NaN) };

        Assert.False(LatencyTargetJudge.Judge(single, [new LatencyTarget(LatencyMetric.ItlP99, 1e9)])!.Met);
    }
}
