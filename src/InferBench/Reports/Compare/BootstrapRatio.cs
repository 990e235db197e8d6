namespace InferBench.Reports.Compare;

/// <summary>
/// A percentile bootstrap confidence interval of median(other) / median(baseline): each side is resampled with
/// replacement on its own, the ratio taken each time, and the interval read off the sorted ratios (Hyndman-Fan type 7).
/// Seeded, so the same samples and seed give the same interval.
/// </summary>
public static class BootstrapRatio
{
    public const double ConfidenceLevel = 0.95;

    public static (double Low, double High) Interval(IReadOnlyList<double> baseline, IReadOnlyList<double> other, int resamples, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 2);
        var random = new Random(seed);
        var ratios = new double[resamples];
        for (var i = 0; i < resamples; i++)
            ratios[i] = Median(Resample(other, random)) / Median(Resample(baseline, random));
        Array.Sort(ratios);
        var tail = (1 - ConfidenceLevel) / 2;
        return (Percentile(ratios, tail), Percentile(ratios, 1 - tail));
    }

    public static double Median(IReadOnlyList<double> samples)
    {
        double[] sorted = [.. samples];
        Array.Sort(sorted);
        return Percentile(sorted, 0.5);
    }

    private static double[] Resample(IReadOnlyList<double> samples, Random random)
    {
        var resample = new double[samples.Count];
        for (var i = 0; i < resample.Length; i++)
            resample[i] = samples[random.Next(samples.Count)];
        return resample;
    }

    private static double Percentile(double[] sorted, double fraction)
    {
        var rank = (sorted.Length - 1) * fraction;
        var lower = (int)Math.Floor(rank);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (rank - lower) * (sorted[upper] - sorted[lower]);
    }
}
