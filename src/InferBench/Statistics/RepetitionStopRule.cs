using MathNet.Numerics.Distributions;

namespace InferBench.Statistics;

/// <summary>
/// When to stop repeating a measurement (<c>--reps auto</c>): once the 95% confidence interval of the mean is within
/// <see cref="TargetRelativeHalfWidth"/> of it, and not before <see cref="MinimumCount"/> values.
/// <para>
/// Two things make a naive rule (Student t on the values as if independent, stop at the first narrow interval) report
/// intervals that cover the true mean less often than they claim: consecutive repetitions are correlated (load,
/// clocks and temperature drift slowly), which an independent interval ignores, and stopping when the sample
/// deviation happens to be small keeps exactly the intervals that are too narrow. So the standard error is widened by
/// the AR(1) factor (1 + r) / (1 - r) on the variance, where r is an upper estimate of the lag-1 autocorrelation: the
/// sample estimate corrected for its small-sample bias toward zero (E[r] is about rho - (1 + 3 rho) / n), plus one
/// standard error 1 / sqrt(n), held to 0..<see cref="MaximumAutocorrelation"/>; the degrees of freedom are the
/// effective count n (1 - r) / (1 + r) less one; and no stop is called precise before <see cref="MinimumCount"/>
/// values. RepetitionStopRuleCoverageTests checks the coverage this gives on scripted timings.
/// </para>
/// </summary>
public sealed record RepetitionStopRule(double TargetRelativeHalfWidth, int MinimumCount = RepetitionStopRule.DefaultMinimumCount)
{
    /// <summary>The fewest values a precise stop rests on: fewer made the AR(1) case's intervals cover under 93% in simulation.</summary>
    public const int DefaultMinimumCount = 10;

    /// <summary>The highest autocorrelation the widening assumes; more would make the interval as wide as the data.</summary>
    public const double MaximumAutocorrelation = 0.9;

    private const double ConfidenceLevel = 0.95;

    /// <summary>The precision of <paramref name="values"/>' mean, in the order they were measured.</summary>
    /// <exception cref="ArgumentException">No values, or a value that is not finite.</exception>
    public static MeanPrecision Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0 || values.Any(value => !double.IsFinite(value)))
            throw new ArgumentException("Need at least one value, and only finite ones.", nameof(values));
        var count = values.Count;
        var mean = values.Average();
        if (count < 2)
            return new MeanPrecision(count, mean, double.NaN, double.NaN);
        double sumOfSquares = 0, lagProducts = 0;
        for (var i = 0; i < count; i++)
        {
            sumOfSquares += (values[i] - mean) * (values[i] - mean);
            if (i > 0)
                lagProducts += (values[i] - mean) * (values[i - 1] - mean);
        }
        var autocorrelation = count < 3 ? double.NaN
            : sumOfSquares == 0 ? 0
            : Math.Clamp(UpperEstimate(lagProducts / sumOfSquares, count), 0, MaximumAutocorrelation);
        var widening = double.IsNaN(autocorrelation) ? 1 : (1 + autocorrelation) / (1 - autocorrelation);
        var freedom = Math.Max(1, count / widening - 1);
        var criticalT = StudentT.InvCDF(0, 1, freedom, 1 - (1 - ConfidenceLevel) / 2);
        return new MeanPrecision(count, mean, criticalT * Math.Sqrt(sumOfSquares / (count - 1) * widening / count), autocorrelation);
    }

    /// <summary>Whether the values are precise enough to stop: at least <see cref="MinimumCount"/> of them, and the interval within the target.</summary>
    public bool IsPrecise(MeanPrecision precision) =>
        precision.Count >= MinimumCount && precision.RelativeHalfWidth <= TargetRelativeHalfWidth;

    /// <summary>
    /// The lag-1 estimate with its bias under AR(1) inverted (with 3 values there is nothing to invert: the factor is 0),
    /// plus one standard error.
    /// </summary>
    private static double UpperEstimate(double estimate, int count) =>
        (count <= 3 ? estimate : (estimate + 1.0 / count) / (1 - 3.0 / count)) + 1 / Math.Sqrt(count);
}
