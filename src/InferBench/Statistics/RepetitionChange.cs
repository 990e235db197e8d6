using InferBench.Results;

namespace InferBench.Statistics;

/// <summary>
/// How one metric moved from a baseline's measured repetitions to another set's (another run's, or a later round's):
/// geometric means, medians and the 95% Welch interval of the change (<see cref="GeometricMeanRatio"/>), with its verdict.
/// Repetitions without a finite, positive value (a timing that failed, a repetition that decoded nothing) are left out.
/// </summary>
/// <param name="ChangeCi95Low">Lower bound of the interval of the change (ratio - 1) as a fraction; null with too few repetitions.</param>
public sealed record RepetitionChange(
    double BaselineMedian,
    double OtherMedian,
    double BaselineGeometricMean,
    double OtherGeometricMean,
    int BaselineRepetitions,
    int OtherRepetitions,
    double? ChangeCi95Low,
    double? ChangeCi95High)
{
    public const double Confidence = 0.95;

    /// <summary>How the interval is made, as run.json's drift and compare --json name it.</summary>
    public const string Method = "welch-t-on-log-values";

    /// <summary>
    /// Fewer repetitions give no verdict: two values per side leave the noise estimate one degree of freedom each, and
    /// an interval several times wider than the spread of the values.
    /// </summary>
    public const int MinRepetitions = 3;

    /// <summary>OtherGeometricMean / BaselineGeometricMean - 1.</summary>
    public double Change => OtherGeometricMean / BaselineGeometricMean - 1;

    public NoiseVerdict Verdict => GeometricMeanRatio.VerdictOf(ChangeCi95Low, ChangeCi95High);

    public static RepetitionChange Of(IEnumerable<double> baseline, IEnumerable<double> other)
    {
        var (baseSamples, samples) = (Usable(baseline), Usable(other));
        var interval = Interval(baseSamples, samples, Confidence);
        return new RepetitionChange(Median(baseSamples), Median(samples),
            GeometricMeanRatio.GeometricMean(baseSamples), GeometricMeanRatio.GeometricMean(samples), baseSamples.Length, samples.Length,
            interval?.Low - 1, interval?.High - 1);
    }

    /// <summary>The interval of the ratio other / baseline at <paramref name="confidenceLevel"/>; null with fewer than <see cref="MinRepetitions"/> usable values on a side.</summary>
    public static GeometricMeanRatio? Interval(IEnumerable<double> baseline, IEnumerable<double> other, double confidenceLevel)
    {
        var (baseSamples, samples) = (Usable(baseline), Usable(other));
        return baseSamples.Length >= MinRepetitions && samples.Length >= MinRepetitions
            ? GeometricMeanRatio.Of(baseSamples, samples, confidenceLevel)
            : null;
    }

    private static double[] Usable(IEnumerable<double> samples) => [.. samples.Where(sample => double.IsFinite(sample) && sample > 0)];

    private static double Median(double[] samples) => samples.Length == 0 ? double.NaN : SampleStatisticsCalculator.From(samples).Median;
}
