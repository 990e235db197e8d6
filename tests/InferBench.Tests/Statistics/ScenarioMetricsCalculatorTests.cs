using InferBench.Results;
using InferBench.Statistics;

namespace InferBench.Tests.Statistics;

public sealed class ScenarioMetricsCalculatorTests
{
    private const double Tolerance = 1e-9;

    private static RepetitionSample Repetition(
        RepetitionPhase phase,
        int iteration = 0,
        int generatedTokens = 5,
        double prefillSeconds = 0.5,
        double timeToFirstTokenSeconds = 0.6,
        double decodeSeconds = 0.4,
        double endToEndSeconds = 1.0,
        IReadOnlyList<double>? decodeStepMilliseconds = null) =>
        new(
            phase,
            iteration,
            generatedTokens,
            prefillSeconds,
            timeToFirstTokenSeconds,
            decodeSeconds,
            endToEndSeconds,
            decodeStepMilliseconds ?? [100.0, 100.0, 100.0, 100.0]);

    [Fact]
    public void ComputesRatesExactly()
    {
        // batch 4, prompt 128, prefill 0.5 s -> 4 * 128 / 0.5 = 1024 tok/s.
        // 9 generated tokens, decode 2 s -> 4 * (9 - 1) / 2 = 16 tok/s.
        RepetitionSample[] samples =
        [
            Repetition(
                RepetitionPhase.Measured,
                generatedTokens: 9,
                prefillSeconds: 0.5,
                timeToFirstTokenSeconds: 0.25,
                decodeSeconds: 2.0,
                endToEndSeconds: 2.25,
                decodeStepMilliseconds: [250, 250, 250, 250, 250, 250, 250, 250]),
        ];

        ScenarioMetrics metrics = ScenarioMetricsCalculator.From(samples, batchSize: 4, promptTokens: 128);

        Assert.Equal(1024.0, metrics.PrefillTokensPerSecond.Mean, Tolerance);
        Assert.Equal(16.0, metrics.DecodeTokensPerSecond.Mean, Tolerance);
        Assert.Equal(250.0, metrics.TimeToFirstTokenMilliseconds.Mean, Tolerance);
        Assert.Equal(2.25, metrics.EndToEndSeconds.Mean, Tolerance);
        Assert.Equal(250.0, metrics.InterTokenLatencyMilliseconds.Mean, Tolerance);
        Assert.Equal(1, metrics.PrefillTokensPerSecond.Count);
    }

    [Fact]
    public void ExcludesWarmupRepetitions()
    {
        RepetitionSample[] samples =
        [
            Repetition(RepetitionPhase.Warmup, 0, prefillSeconds: 10.0, timeToFirstTokenSeconds: 10.0,
                decodeSeconds: 10.0, endToEndSeconds: 20.0, decodeStepMilliseconds: [9999.0]),
            Repetition(RepetitionPhase.Measured, 0, prefillSeconds: 1.0, timeToFirstTokenSeconds: 0.1,
                decodeSeconds: 1.0, endToEndSeconds: 1.1, decodeStepMilliseconds: [10.0, 20.0]),
            Repetition(RepetitionPhase.Measured, 1, prefillSeconds: 2.0, timeToFirstTokenSeconds: 0.3,
                decodeSeconds: 2.0, endToEndSeconds: 2.3, decodeStepMilliseconds: [30.0, 40.0]),
        ];

        ScenarioMetrics metrics = ScenarioMetricsCalculator.From(samples, batchSize: 1, promptTokens: 100);

        Assert.Equal(2, metrics.TimeToFirstTokenMilliseconds.Count);
        Assert.Equal(100.0, metrics.TimeToFirstTokenMilliseconds.Min, Tolerance);
        Assert.Equal(300.0, metrics.TimeToFirstTokenMilliseconds.Max, Tolerance);
        Assert.Equal(50.0, metrics.PrefillTokensPerSecond.Min, Tolerance);
        Assert.Equal(100.0, metrics.PrefillTokensPerSecond.Max, Tolerance);
        // 5 generated tokens -> 4 decoded: 4 / 2 s and 4 / 1 s.
        Assert.Equal(2.0, metrics.DecodeTokensPerSecond.Min, Tolerance);
        Assert.Equal(4.0, metrics.DecodeTokensPerSecond.Max, Tolerance);
        Assert.Equal(1.1, metrics.EndToEndSeconds.Min, Tolerance);
        Assert.Equal(2.3, metrics.EndToEndSeconds.Max, Tolerance);
        Assert.Equal(40.0, metrics.InterTokenLatencyMilliseconds.Max, Tolerance);
    }

    [Fact]
    public void InterTokenLatencyPoolsTheDecodeStepsOfEveryMeasuredRepetition()
    {
        RepetitionSample[] samples =
        [
            Repetition(RepetitionPhase.Measured, 0, decodeStepMilliseconds: [1.0, 2.0, 3.0]),
            Repetition(RepetitionPhase.Measured, 1, decodeStepMilliseconds: [4.0, 5.0]),
            Repetition(RepetitionPhase.Measured, 2, decodeStepMilliseconds: [6.0, 7.0, 8.0, 9.0, 10.0]),
        ];

        ScenarioMetrics metrics = ScenarioMetricsCalculator.From(samples, batchSize: 1, promptTokens: 1);

        Assert.Equal(SampleStatisticsCalculator.From([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
            metrics.InterTokenLatencyMilliseconds);
        Assert.Equal(3, metrics.DecodeTokensPerSecond.Count);
    }

    [Fact]
    public void OnlyWarmupRepetitionsThrows()
    {
        RepetitionSample[] samples = [Repetition(RepetitionPhase.Warmup)];

        Assert.Throws<ArgumentException>(() => ScenarioMetricsCalculator.From(samples, 1, 1));
    }

    [Fact]
    public void NoRepetitionsThrows()
    {
        Assert.Throws<ArgumentException>(() => ScenarioMetricsCalculator.From([], 1, 1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public void FewerThanTwoGeneratedTokensThrows(int generatedTokens)
    {
        RepetitionSample[] samples =
        [
            Repetition(RepetitionPhase.Measured, 0),
            Repetition(RepetitionPhase.Measured, 1, generatedTokens: generatedTokens, decodeStepMilliseconds: []),
        ];

        ArgumentException error =
            Assert.Throws<ArgumentException>(() => ScenarioMetricsCalculator.From(samples, 1, 1));
        Assert.Contains("at least 2 generated tokens", error.Message);
    }

    [Fact]
    public void WarmupWithOneGeneratedTokenIsIgnored()
    {
        RepetitionSample[] samples =
        [
            Repetition(RepetitionPhase.Warmup, 0, generatedTokens: 1, decodeSeconds: 0.0, decodeStepMilliseconds: []),
            Repetition(RepetitionPhase.Measured, 0),
        ];

        ScenarioMetrics metrics = ScenarioMetricsCalculator.From(samples, 1, 1);

        Assert.Equal(1, metrics.DecodeTokensPerSecond.Count);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 0.0)]
    [InlineData(-1.0, 1.0)]
    [InlineData(double.NaN, 1.0)]
    public void NonPositiveDurationThrows(double prefillSeconds, double decodeSeconds)
    {
        RepetitionSample[] samples =
        [
            Repetition(RepetitionPhase.Measured, prefillSeconds: prefillSeconds, decodeSeconds: decodeSeconds),
        ];

        Assert.Throws<ArgumentException>(() => ScenarioMetricsCalculator.From(samples, 1, 1));
    }

    [Fact]
    public void NoDecodeStepsThrows()
    {
        RepetitionSample[] samples = [Repetition(RepetitionPhase.Measured, decodeStepMilliseconds: [])];

        Assert.Throws<ArgumentException>(() => ScenarioMetricsCalculator.From(samples, 1, 1));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    public void NonPositiveBatchOrPromptThrows(int batchSize, int promptTokens)
    {
        RepetitionSample[] samples = [Repetition(RepetitionPhase.Measured)];

        Assert.Throws<ArgumentOutOfRangeException>(
            () => ScenarioMetricsCalculator.From(samples, batchSize, promptTokens));
    }
}
