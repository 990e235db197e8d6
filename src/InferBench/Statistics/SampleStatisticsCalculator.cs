using MathNet.Numerics.Distributions;
using InferBench.Results;

namespace InferBench.Statistics;

/// <summary>Computes <see cref="SampleStatistics"/> from raw samples.</summary>
public static class SampleStatisticsCalculator
{
    private const double ConfidenceLevel = 0.95;

    /// <summary>Summarizes <paramref name="samples"/>; the caller's list is not modified.</summary>
    /// <exception cref="ArgumentException">The list is empty or holds a NaN or infinite value.</exception>
    public static SampleStatistics From(IReadOnlyList<double> samples)
    {
        double[] sorted = SortedFinite(samples);
        int count = sorted.Length;
        double mean = sorted.Average();
        double standardDeviation = SampleStandardDeviation(sorted, mean);
        double halfWidth = ConfidenceIntervalHalfWidth(count, standardDeviation);

        return new SampleStatistics(
            Count: count,
            Mean: mean,
            Median: Percentile(sorted, 0.50),
            P90: Percentile(sorted, 0.90),
            P99: Percentile(sorted, 0.99),
            Min: sorted[0],
            Max: sorted[^1],
            StandardDeviation: standardDeviation,
            ConfidenceInterval95Lower: mean - halfWidth,
            ConfidenceInterval95Upper: mean + halfWidth);
    }

    /// <summary>An ascending copy of <paramref name="samples"/>; the caller's list is not modified.</summary>
    /// <exception cref="ArgumentException">The list is empty or holds a NaN or infinite value.</exception>
    internal static double[] SortedFinite(IReadOnlyList<double> samples)
    {
        RequireFinite(samples);
        double[] sorted = [.. samples];
        Array.Sort(sorted);
        return sorted;
    }

    /// <exception cref="ArgumentException"><paramref name="samples"/> is empty or holds a NaN or infinite value.</exception>
    internal static void RequireFinite(IReadOnlyList<double> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
            throw new ArgumentException("Cannot summarize an empty set of samples.", nameof(samples));
        if (samples.Any(sample => !double.IsFinite(sample)))
            throw new ArgumentException("Samples must be finite numbers (no NaN or infinity).", nameof(samples));
    }

    /// <summary>Hyndman-Fan type 7 (numpy's default, Excel PERCENTILE.INC, llama.cpp's) over ascending samples; <paramref name="fraction"/> 0 to 1.</summary>
    internal static double Percentile(double[] sorted, double fraction)
    {
        double rank = (sorted.Length - 1) * fraction;
        int lower = (int)Math.Floor(rank);
        int upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (rank - lower) * (sorted[upper] - sorted[lower]);
    }

    /// <summary>Bessel-corrected (n - 1); undefined (NaN) for fewer than two samples.</summary>
    private static double SampleStandardDeviation(double[] samples, double mean)
    {
        if (samples.Length < 2)
        {
            return double.NaN;
        }

        double sumOfSquares = samples.Sum(sample => (sample - mean) * (sample - mean));
        return Math.Sqrt(sumOfSquares / (samples.Length - 1));
    }

    private static double ConfidenceIntervalHalfWidth(int count, double standardDeviation)
    {
        if (count < 2)
        {
            return double.NaN;
        }

        double criticalT = StudentT.InvCDF(
            location: 0.0,
            scale: 1.0,
            freedom: count - 1,
            p: 1.0 - (1.0 - ConfidenceLevel) / 2.0);
        return criticalT * standardDeviation / Math.Sqrt(count);
    }
}
