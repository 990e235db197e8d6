namespace InferBench.Results;

/// <summary>
/// Summary of one set of measured samples (warmup excluded). Percentiles are linearly interpolated
/// (Hyndman-Fan type 7); <see cref="Count"/> says how many samples they rest on.
/// The confidence interval is for the mean, from Student's t distribution.
/// <see cref="StandardDeviation"/> is the sample (n - 1) standard deviation. With a single sample the spread
/// is unknown, so <see cref="StandardDeviation"/>, <see cref="ConfidenceInterval95Lower"/> and
/// <see cref="ConfidenceInterval95Upper"/> are <see cref="double.NaN"/> when <see cref="Count"/> is below 2.
/// Built by the Statistics layer's SampleStatisticsCalculator.
/// </summary>
public sealed record SampleStatistics(
    int Count,
    double Mean,
    double Median,
    double P90,
    double P99,
    double Min,
    double Max,
    double StandardDeviation,
    double ConfidenceInterval95Lower,
    double ConfidenceInterval95Upper);
