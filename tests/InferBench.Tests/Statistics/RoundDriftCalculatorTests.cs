using InferBench.Results;
using InferBench.Statistics;

namespace InferBench.Tests.Statistics;

public sealed class RoundDriftCalculatorTests
{
    /// <summary>A measured row of one round whose repetitions decode 9 tokens (batch 1) in the given seconds, TTFT 10 ms each.</summary>
    private static ScenarioResult Row(int round, string variant, params double[] decodeSeconds) => new()
    {
        Model = "m",
        Variant = variant,
        Precision = "fp32",
        ExecutionProvider = "cpu",
        BatchSize = 1,
        PromptTokens = 8,
        GenTokens = 10,
        Status = ResultStatus.Ok,
        Round = round,
        Repetitions =
        [
            new RepetitionSample(RepetitionPhase.Warmup, 1, 10, 0.009, 0.01, 1.0, 1.01, [100]),
            .. decodeSeconds.Select((seconds, i) => new RepetitionSample(RepetitionPhase.Measured, i + 1, 10, 0.009, 0.01 + i * 0.0001,
                seconds, 0.01 + seconds, [seconds * 1000 / 9])),
        ],
    };

    [Fact]
    public void A_later_round_that_decodes_a_fifth_slower_than_round_one_is_larger_than_the_noise_and_flags_the_run()
    {
        // Round 1: 9 tokens in ~0.09 s (100 tok/s, ±1%); round 2 ~0.1125 s (80 tok/s).
        var drift = RoundDriftCalculator.Of([Row(1, "a", 0.090, 0.091, 0.089, 0.0905), Row(2, "a", 0.1125, 0.1130, 0.1120, 0.1127)], rounds: 2);

        Assert.NotNull(drift);
        Assert.True(drift.LargerThanNoise);
        Assert.Equal("welch-t-on-log-values", drift.Method);
        Assert.Equal(0.95, drift.ConfidenceLevel);
        var decode = Assert.Single(drift.Differences, d => d.Metric == "decodeTokensPerSecond");
        Assert.Equal((2, "a", 4, 4), (decode.Round, decode.Variant, decode.BaselineRepetitions, decode.RoundRepetitions));
        Assert.Equal(100, decode.BaselineGeometricMean, 0.5);
        Assert.Equal(80, decode.RoundGeometricMean, 0.5);
        Assert.Equal(-0.2, decode.Change, 0.01);
        Assert.True(decode.ChangeCi95High < 0);
        Assert.Equal(NoiseVerdict.LargerThanNoise, decode.Verdict);
        Assert.True(decode.FlagsRun);
        Assert.Equal(0.975, drift.RunConfidenceLevel, 12);
        var ttft = Assert.Single(drift.Differences, d => d.Metric == "timeToFirstTokenMilliseconds");
        Assert.Equal(NoiseVerdict.WithinNoise, ttft.Verdict);
    }

    [Fact]
    public void Rounds_that_differ_by_less_than_their_spread_are_within_noise_and_the_run_is_not_flagged()
    {
        var drift = RoundDriftCalculator.Of(
            [Row(1, "a", 0.090, 0.095, 0.085, 0.092), Row(1, "b", 0.05, 0.051, 0.049), Row(2, "b", 0.0505, 0.050, 0.0495), Row(2, "a", 0.091, 0.086, 0.094, 0.089)],
            rounds: 2);

        Assert.NotNull(drift);
        Assert.False(drift.LargerThanNoise);
        Assert.Equal(["b", "b", "a", "a"], drift.Differences.Select(d => d.Variant));
        Assert.All(drift.Differences, d => Assert.Equal(NoiseVerdict.WithinNoise, d.Verdict));
    }

    [Fact]
    public void Every_later_round_is_compared_with_round_one_and_a_point_of_one_round_or_too_few_repetitions_gets_no_verdict()
    {
        var failed = Row(2, "c") with { Status = ResultStatus.Failed, Repetitions = [] };
        var drift = RoundDriftCalculator.Of(
            [Row(1, "a", 0.09, 0.09, 0.09), Row(1, "c", 0.09, 0.09, 0.09), Row(2, "a", 0.09, 0.09), failed, Row(3, "a", 0.09, 0.09, 0.09)],
            rounds: 3);

        Assert.NotNull(drift);
        Assert.Equal([2, 2, 3, 3], drift.Differences.Select(d => d.Round));
        Assert.All(drift.Differences.Where(d => d.Round == 2), d =>
        {
            Assert.Equal(NoiseVerdict.TooFewRepetitions, d.Verdict);
            Assert.Null(d.ChangeCi95Low);
        });
        Assert.False(drift.LargerThanNoise);
    }

    [Fact]
    public void Among_many_comparisons_a_difference_just_past_the_95_percent_interval_does_not_flag_the_run()
    {
        // Ten points that did not move, and one whose 95% interval just excludes no change: among 22 comparisons one
        // such verdict is expected by chance, so it must lie outside its 1 - 0.05/22 interval to flag the run.
        ScenarioResult[] still = [.. Enumerable.Range(0, 10).SelectMany(i => new[]
        {
            Row(1, $"v{i}", 0.090, 0.092, 0.088, 0.091), Row(2, $"v{i}", 0.0905, 0.0915, 0.0885, 0.0908),
        })];
        // Round 2 of "n" decodes 4.5% slower with the same spread: t = 3.3 on 6 degrees of freedom, past 2.45 (95%) and short of 5 (99.8%).
        ScenarioResult[] nudged = [Row(1, "n", 0.090, 0.092, 0.088, 0.091), Row(2, "n", 0.090 * 1.045, 0.092 * 1.045, 0.088 * 1.045, 0.091 * 1.045)];

        var drift = RoundDriftCalculator.Of([.. still, .. nudged], rounds: 2);

        Assert.NotNull(drift);
        var decode = Assert.Single(drift.Differences, d => d.Variant == "n" && d.Metric == "decodeTokensPerSecond");
        Assert.Equal(NoiseVerdict.LargerThanNoise, decode.Verdict);
        Assert.False(decode.FlagsRun);
        Assert.False(drift.LargerThanNoise);
        Assert.Equal(1 - 0.05 / 22, drift.RunConfidenceLevel, 12);
    }

    [Fact]
    public void Identical_runs_without_drift_are_flagged_in_at_most_5_percent_of_runs_however_many_points()
    {
        // 400 seeded runs of 12 points x 2 metrics, both rounds drawn from one lognormal (5% CV) distribution.
        var random = new Random(20261129);
        double Draw() => 0.09 * Math.Exp(0.05 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        var flagged = 0;
        var differencesLarger = 0;
        const int Runs = 400;
        for (var run = 0; run < Runs; run++)
        {
            ScenarioResult[] rows = [.. Enumerable.Range(0, 12).SelectMany(i => new[]
            {
                Row(1, $"v{i}", Draw(), Draw(), Draw(), Draw(), Draw()), Row(2, $"v{i}", Draw(), Draw(), Draw(), Draw(), Draw()),
            })];
            var drift = RoundDriftCalculator.Of(rows, rounds: 2)!;
            flagged += drift.LargerThanNoise ? 1 : 0;
            differencesLarger += drift.Differences.Count(d => d.Metric == "decodeTokensPerSecond" && d.Verdict == NoiseVerdict.LargerThanNoise);
        }

        // Without the correction about 1 - 0.95^24 = 71% of these runs would be flagged (TTFT here does not vary, so 12 comparisons: 46%).
        Assert.InRange((double)flagged / Runs, 0, 0.05);
        Assert.InRange((double)differencesLarger / (Runs * 12), 0.02, 0.08);
    }

    [Fact]
    public void A_run_of_one_round_has_no_drift()
    {
        Assert.Null(RoundDriftCalculator.Of([Row(1, "a", 0.09, 0.08, 0.07)], rounds: 1));
    }
}
