using InferBench.Reports.Compare;
using InferBench.Results;
using InferBench.Tests.Support;
using MathNet.Numerics.Distributions;

namespace InferBench.Tests.Statistics;

/// <summary>
/// What <c>inferbench compare</c>'s verdict claims, checked by seeded simulation of whole comparisons: identical runs
/// are called "larger than noise" in at most 5% of trials, and a real change is found often enough.
/// </summary>
public sealed class GeometricMeanRatioSimulationTests
{
    private const int Trials = 2000;

    /// <summary>5% plus three standard errors of a rate of 5% estimated from <see cref="Trials"/> trials (6.46%).</summary>
    private static readonly double FalseAlarmBound = 0.05 + 3 * Math.Sqrt(0.05 * 0.95 / Trials);

    [Theory]
    [InlineData(3, 0.05, "lognormal")]
    [InlineData(3, 0.05, "normal")]
    [InlineData(3, 0.20, "normal")]
    [InlineData(4, 0.05, "lognormal")]
    [InlineData(5, 0.05, "lognormal")]
    [InlineData(5, 0.05, "normal")]
    [InlineData(10, 0.10, "normal")]
    public void IdenticalRunsAreLargerThanNoiseInAtMostFivePercentOfComparisons(int repetitions, double coefficientOfVariation, string distribution)
    {
        var rate = LargerThanNoiseRate(repetitions, coefficientOfVariation, distribution, shift: 1.0, seed: 20261129);

        Assert.InRange(rate, 0, FalseAlarmBound);
    }

    [Theory]
    [InlineData("normal")]
    [InlineData("lognormal")]
    public void ATwentyPercentChangeAtFiveRepetitionsAndFivePercentVariationIsFoundInAtLeastEightyPercent(string distribution)
    {
        var rate = LargerThanNoiseRate(5, 0.05, distribution, shift: 1.2, seed: 7);

        Assert.InRange(rate, 0.80, 1);
    }

    /// <summary>The rates the small-sample note of <see cref="ComparisonTable.Notes"/> quotes, at 5% variation.</summary>
    [Theory]
    [InlineData(3, 1.2, 0.78, 0.88)] // "3 repetitions a side find a 20% change in about 8 comparisons out of 10"
    [InlineData(3, 1.1, 0.28, 0.39)] // "and a 10% change in about 1 in 3"
    [InlineData(5, 1.1, 0.69, 0.80)] // "5 repetitions find a 10% change in about 3 out of 4"
    [InlineData(5, 1.2, 0.99, 1.00)] // "and a 20% change nearly always"
    public void TheDetectionRatesTheSmallSampleNoteQuotesHold(int repetitions, double shift, double low, double high)
    {
        Assert.InRange(LargerThanNoiseRate(repetitions, 0.05, "normal", shift, seed: 11), low, high);
    }

    /// <summary>The share of trials whose decode tok/s row is "larger than noise"; run B is run A's distribution scaled by <paramref name="shift"/>.</summary>
    private static double LargerThanNoiseRate(int repetitions, double coefficientOfVariation, string distribution, double shift, int seed)
    {
        var random = new Random(seed);
        var largerThanNoise = 0;
        for (var trial = 0; trial < Trials; trial++)
        {
            var a = CompareSamples.Run("a", CompareSamples.Row("cpu-fp32", 1, Samples(random, repetitions, 100, coefficientOfVariation, distribution)));
            var b = CompareSamples.Run("b", CompareSamples.Row("cpu-fp32", 1, Samples(random, repetitions, 100 * shift, coefficientOfVariation, distribution)));
            var row = RunComparison.Of([(a, "a"), (b, "b")]).Rows.Single(row => row.Metric == ComparedMetric.DecodeTokensPerSecond);
            if (row.Verdict == NoiseVerdict.LargerThanNoise)
                largerThanNoise++;
        }
        return (double)largerThanNoise / Trials;
    }

    private static double[] Samples(Random random, int count, double mean, double coefficientOfVariation, string distribution)
    {
        var logSigma = Math.Sqrt(Math.Log(1 + coefficientOfVariation * coefficientOfVariation));
        IContinuousDistribution noise = distribution == "normal"
            ? new Normal(mean, mean * coefficientOfVariation, random)
            : new LogNormal(Math.Log(mean) - logSigma * logSigma / 2, logSigma, random);
        return [.. Enumerable.Range(0, count).Select(_ => noise.Sample())];
    }
}
