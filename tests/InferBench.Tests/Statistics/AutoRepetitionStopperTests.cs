using InferBench.Results;
using InferBench.Statistics;

namespace InferBench.Tests.Statistics;

public sealed class AutoRepetitionStopperTests
{
    private static readonly AutoRepetitions Plan = new(TargetHalfWidthPercent: 2, MaxRepetitions: 20, MaxSecondsPerPoint: 60);

    /// <summary>Alternating 99 and 101: ±1% spread, no autocorrelation to widen for (the lag-1 estimate is negative).</summary>
    private static double[] Steady(int count) => [.. Enumerable.Range(0, count).Select(i => i % 2 == 0 ? 99.0 : 101.0)];

    [Fact]
    public void Steady_values_stop_precise_once_the_rule_has_its_minimum_count_and_not_before()
    {
        var stopper = new AutoRepetitionStopper(Plan);

        Assert.Null(stopper.Decide(Steady(RepetitionStopRule.DefaultMinimumCount - 1), 1));
        Assert.Equal(RepetitionStopReason.Precise, stopper.Decide(Steady(RepetitionStopRule.DefaultMinimumCount), 1));
    }

    [Fact]
    public void Noisy_values_stop_at_max_reps()
    {
        double[] noisy = [.. Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? 50.0 : 150.0)];
        var stopper = new AutoRepetitionStopper(Plan);

        Assert.Null(stopper.Decide(noisy[..19], 1));
        Assert.Equal(RepetitionStopReason.MaxReps, stopper.Decide(noisy, 1));
    }

    [Theory]
    [InlineData(4, 47.9, null)] // 47.9 s + 12 s for the next one ends before 60 s
    [InlineData(4, 48.1, RepetitionStopReason.TimeCap)] // the next one would end past 60 s
    [InlineData(2, 500, null)] // fewer than 3 run whatever the time
    public void The_time_cap_stops_when_another_repetition_of_the_average_length_would_end_past_it(int count, double seconds, RepetitionStopReason? expected)
    {
        double[] noisy = [.. Enumerable.Range(0, count).Select(i => i % 2 == 0 ? 50.0 : 150.0)];

        Assert.Equal(expected, new AutoRepetitionStopper(Plan).Decide(noisy, seconds));
    }

    [Fact]
    public void The_record_gives_the_count_the_half_width_in_percent_and_the_target()
    {
        var stop = AutoRepetitionStopper.Record(RepetitionStopReason.Precise, Steady(10), 2);

        Assert.Equal(10, stop.MeasuredRepetitions);
        Assert.Equal(RepetitionStopRule.Of(Steady(10)).RelativeHalfWidth * 100, stop.DecodeHalfWidthPercent!.Value, 12);
        Assert.InRange(stop.DecodeHalfWidthPercent.Value, 0.5, 2);
        Assert.Equal(0, stop.DecodeLag1Autocorrelation);
        Assert.False(stop.TargetMissed);
        Assert.True((stop with { Reason = RepetitionStopReason.TimeCap }).TargetMissed);
        Assert.False((stop with { Reason = RepetitionStopReason.Planned, TargetHalfWidthPercent = null }).TargetMissed);
    }

    [Fact]
    public void Below_six_independent_values_there_is_no_95_percent_interval_of_the_median_and_below_three_no_autocorrelation()
    {
        var two = AutoRepetitionStopper.Record(RepetitionStopReason.Cancelled, [99, 101], null);
        var five = AutoRepetitionStopper.Record(RepetitionStopReason.Cancelled, Steady(5), null);
        var six = AutoRepetitionStopper.Record(RepetitionStopReason.Cancelled, Steady(6), null);

        Assert.Null(two.DecodeHalfWidthPercent);
        Assert.Null(two.DecodeLag1Autocorrelation);
        Assert.Null(five.DecodeHalfWidthPercent);
        Assert.Equal(1, six.DecodeHalfWidthPercent!.Value, 12);
    }

    [Fact]
    public void The_interval_is_of_the_median_not_the_mean()
    {
        // One slow repetition (a pause) pulls the mean, not the median: 9 values at 100 and 10, 11 and 12 around them.
        double[] values = [100, 101, 99, 100, 101, 99, 100, 101, 99, 100, 101, 99, 100, 101, 99, 100, 101, 99, 100, 20];

        var precision = RepetitionStopRule.Of(values);

        Assert.Equal(100, precision.Median);
        Assert.Equal((99, 101), (precision.Low, precision.High));
        Assert.True(new RepetitionStopRule(0.02).IsPrecise(precision));
    }

    [Fact]
    public void A_trend_is_autocorrelation_that_widens_the_interval_over_the_independent_one()
    {
        double[] drifting = [.. Enumerable.Range(0, 20).Select(i => 100.0 + i * 0.2)];

        var precision = RepetitionStopRule.Of(drifting);

        // 20 independent values would give x(6)..x(15); drifting ones count as fewer than 6, too few for any interval.
        Assert.Equal(6, RepetitionStopRule.LowerRank(20));
        Assert.True(precision.Lag1Autocorrelation > 0.5, $"lag-1 {precision.Lag1Autocorrelation}");
        Assert.True(double.IsNaN(precision.Low) && double.IsNaN(precision.High));
    }
}
