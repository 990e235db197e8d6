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
    public void A_run_of_one_round_has_no_drift()
    {
        Assert.Null(RoundDriftCalculator.Of([Row(1, "a", 0.09, 0.08, 0.07)], rounds: 1));
    }
}
