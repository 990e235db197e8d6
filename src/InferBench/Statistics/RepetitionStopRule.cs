using MathNet.Numerics.Distributions;

namespace InferBench.Statistics;

/// <summary>
/// When to stop repeating a measurement (<c>--reps auto</c>): once the 95% confidence interval of the median, the
/// statistic the reports lead with, is within <see cref="TargetRelativeHalfWidth"/> of it on both sides, and not before
/// <see cref="MinimumCount"/> values.
/// <para>
/// The interval is distribution-free: between the j-th smallest and the j-th largest value, where j is the largest
/// rank with P(Binomial(n, 1/2) &lt; j) at most 2.5% (for independent values the count below the true median is
/// Binomial(n, 1/2)), so it assumes no shape of the distribution. Two things make a naive rule report intervals that
/// cover less often than they claim: consecutive repetitions are correlated (load, clocks and temperature drift
/// slowly), and stopping when the values happen to lie close keeps exactly the intervals that are too narrow. So the
/// ranks are those of the effective count n (1 - r) / (1 + r), scaled back to n (j = j_eff n / n_eff, rounded down),
/// where r is an upper estimate of the lag-1 autocorrelation: the sample estimate corrected for its small-sample bias
/// toward zero (E[r] is about rho - (1 + 3 rho) / n), plus one standard error 1 / sqrt(n), held to
/// 0..<see cref="MaximumAutocorrelation"/>. Under a Gaussian AR(1) the count below the median varies by at most that
/// factor more than under independence (its lag-k correlation is (2 / pi) arcsin(rho^k), at most rho^k). No stop is
/// called precise before <see cref="MinimumCount"/> values. RepetitionStopRuleCoverageTests checks the coverage this
/// gives on scripted timings.
/// </para>
/// </summary>
public sealed record RepetitionStopRule(double TargetRelativeHalfWidth, int MinimumCount = RepetitionStopRule.DefaultMinimumCount)
{
    /// <summary>The fewest values a precise stop rests on: fewer made the AR(1) case's intervals cover under 93% in simulation.</summary>
    public const int DefaultMinimumCount = 10;

    /// <summary>The highest autocorrelation the widening assumes; more would make the interval as wide as the data.</summary>
    public const double MaximumAutocorrelation = 0.9;

    private const double ConfidenceLevel = 0.95;

    /// <summary>The precision of <paramref name="values"/>' median, in the order they were measured.</summary>
    /// <exception cref="ArgumentException">No values, or a value that is not finite.</exception>
    public static MedianPrecision Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0 || values.Any(value => !double.IsFinite(value)))
            throw new ArgumentException("Need at least one value, and only finite ones.", nameof(values));
        var count = values.Count;
        var sorted = values.Order().ToArray();
        var median = SampleStatisticsCalculator.From(values).Median;
        var autocorrelation = Lag1Autocorrelation(values);
        var rank = LowerRank(count, double.IsNaN(autocorrelation) ? 1 : (1 + autocorrelation) / (1 - autocorrelation));
        return rank == 0
            ? new MedianPrecision(count, median, double.NaN, double.NaN, autocorrelation)
            : new MedianPrecision(count, median, sorted[rank - 1], sorted[count - rank], autocorrelation);
    }

    /// <summary>
    /// The rank j of the 95% interval [x(j), x(n + 1 - j)] of the median of <paramref name="count"/> sorted values whose
    /// variance of the count below the median is <paramref name="widening"/> times the independent one; 0 when the
    /// values are too few for any such interval (under 6 independent ones).
    /// </summary>
    public static int LowerRank(int count, double widening = 1)
    {
        var effective = (int)Math.Floor(count / widening);
        var rank = 0;
        while (rank < effective && 2 * Binomial.CDF(0.5, effective, rank) <= 1 - ConfidenceLevel)
            rank++;
        return rank == 0 ? 0 : Math.Max(1, (int)Math.Floor((double)rank * count / effective));
    }

    /// <summary>Whether the values are precise enough to stop: at least <see cref="MinimumCount"/> of them, and the interval within the target.</summary>
    public bool IsPrecise(MedianPrecision precision) =>
        precision.Count >= MinimumCount && precision.RelativeHalfWidth <= TargetRelativeHalfWidth;

    /// <summary>The upper estimate of the lag-1 autocorrelation, 0 to <see cref="MaximumAutocorrelation"/>; NaN below 3 values.</summary>
    private static double Lag1Autocorrelation(IReadOnlyList<double> values)
    {
        var count = values.Count;
        if (count < 3)
            return double.NaN;
        var mean = values.Average();
        double sumOfSquares = 0, lagProducts = 0;
        for (var i = 0; i < count; i++)
        {
            sumOfSquares += (values[i] - mean) * (values[i] - mean);
            if (i > 0)
                lagProducts += (values[i] - mean) * (values[i - 1] - mean);
        }
        return sumOfSquares == 0 ? 0 : Math.Clamp(UpperEstimate(lagProducts / sumOfSquares, count), 0, MaximumAutocorrelation);
    }

    /// <summary>
    /// The lag-1 estimate with its bias under AR(1) inverted (with 3 values there is nothing to invert: the factor is 0),
    /// plus one standard error.
    /// </summary>
    private static double UpperEstimate(double estimate, int count) =>
        (count <= 3 ? estimate : (estimate + 1.0 / count) / (1 - 3.0 / count)) + 1 / Math.Sqrt(count);
}
