using MathNet.Numerics.Distributions;
using InferBench.Results;
using MathNet.Numerics.Statistics;

namespace InferBench.Statistics;

/// <summary>
/// The ratio of the geometric means of two samples of positive values (timings, throughputs), other / baseline,
/// with a Welch t confidence interval computed on their logarithms: the log ratio is the difference of the mean logs,
/// its standard error sqrt(s1²/n1 + s2²/n2), its degrees of freedom Welch-Satterthwaite's, and the bounds are
/// exponentiated back. When the log values are normal the interval keeps its level at any n from 2 up (conservatively
/// so with equal variances), unlike a bootstrap, which at 3 values per side can only reshuffle them.
/// </summary>
/// <param name="Low">The interval's lower bound of the ratio other / baseline.</param>
/// <param name="High">Its upper bound; equal to <paramref name="Low"/> when neither sample varies.</param>
public sealed record GeometricMeanRatio(double Low, double High)
{
    /// <exception cref="ArgumentException">A sample has fewer than 2 values, or a value that is not positive and finite.</exception>
    public static GeometricMeanRatio Of(IReadOnlyList<double> baseline, IReadOnlyList<double> other, double confidenceLevel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(confidenceLevel, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(confidenceLevel, 1);
        var (baseMean, baseVariance, baseCount) = LogMoments(baseline, nameof(baseline));
        var (otherMean, otherVariance, otherCount) = LogMoments(other, nameof(other));
        var (baseShare, otherShare) = (baseVariance / baseCount, otherVariance / otherCount);
        var standardError = Math.Sqrt(baseShare + otherShare);
        var logRatio = otherMean - baseMean;
        if (standardError == 0)
            return new(Math.Exp(logRatio), Math.Exp(logRatio));
        var degreesOfFreedom = Math.Pow(baseShare + otherShare, 2)
            / (baseShare * baseShare / (baseCount - 1) + otherShare * otherShare / (otherCount - 1));
        var halfWidth = StudentT.InvCDF(0, 1, degreesOfFreedom, 1 - (1 - confidenceLevel) / 2) * standardError;
        return new(Math.Exp(logRatio - halfWidth), Math.Exp(logRatio + halfWidth));
    }

    /// <summary>The verdict on a change (ratio - 1) whose interval runs from <paramref name="changeLow"/> to <paramref name="changeHigh"/>; no interval: too few repetitions.</summary>
    public static NoiseVerdict VerdictOf(double? changeLow, double? changeHigh) => (changeLow, changeHigh) switch
    {
        ({ } low, { } high) => low <= 0 && high >= 0 ? NoiseVerdict.WithinNoise : NoiseVerdict.LargerThanNoise,
        _ => NoiseVerdict.TooFewRepetitions,
    };

    /// <summary>exp(mean of the logs); NaN for no values.</summary>
    /// <exception cref="ArgumentException">A value is not positive and finite.</exception>
    public static double GeometricMean(IReadOnlyList<double> samples) =>
        samples.Count == 0 ? double.NaN : Math.Exp(Logs(samples, nameof(samples)).Mean());

    private static (double Mean, double Variance, int Count) LogMoments(IReadOnlyList<double> samples, string name)
    {
        if (samples.Count < 2)
            throw new ArgumentException($"Need at least 2 values, got {samples.Count}.", name);
        var (mean, variance) = Logs(samples, name).MeanVariance();
        return (mean, variance, samples.Count);
    }

    private static double[] Logs(IReadOnlyList<double> samples, string name) =>
        samples.All(sample => double.IsFinite(sample) && sample > 0)
            ? [.. samples.Select(sample => Math.Log(sample))]
            : throw new ArgumentException("Values must be positive and finite.", name);
}
