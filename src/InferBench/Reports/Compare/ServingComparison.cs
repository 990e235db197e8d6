using InferBench.Results;

namespace InferBench.Reports.Compare;

/// <summary>
/// One figure of one serving point matched between the baseline run and another: a serving point is one measurement (no
/// repetitions), so the change has no noise interval.
/// </summary>
/// <param name="Metric">requestsPerSecond, goodputRequestsPerSecond or timeToFirstTokenMillisecondsP50.</param>
/// <param name="BaselineValue">The baseline's figure; null where it has none (goodput without targets).</param>
public sealed record ServingComparison(
    ServingPointKey Point,
    string Metric,
    string Baseline,
    string Run,
    double? BaselineValue,
    double? RunValue)
{
    /// <summary>The metrics compared, each with its name and unit as printed and how a point gives it.</summary>
    public static IReadOnlyList<(string Key, string Name, Func<ServingPointMetrics, double?> Value)> Metrics { get; } =
    [
        ("requestsPerSecond", "requests/s", metrics => metrics.RequestsPerSecond),
        ("goodputRequestsPerSecond", "goodput requests/s", metrics => metrics.GoodputRequestsPerSecond),
        ("timeToFirstTokenMillisecondsP50", "TTFT p50 ms", metrics => metrics.TimeToFirstTokenMilliseconds.Median),
    ];

    /// <summary>RunValue / BaselineValue - 1, as a fraction; null without both or with a zero baseline.</summary>
    public double? Change => BaselineValue is { } baseline && RunValue is { } run && baseline != 0 ? run / baseline - 1 : null;

    /// <summary>
    /// The compared points of <paramref name="baseline"/> and <paramref name="run"/> (measured, ok, matched by
    /// <see cref="ServingPointKey"/>), in the baseline's order; none when the two runs served different workloads
    /// (<see cref="SameWorkload"/>), since the same load of other requests is another measurement.
    /// </summary>
    public static IEnumerable<ServingComparison> Of(string baselineLabel, RunResult baseline, string runLabel, RunResult run)
    {
        if (!SameWorkload(baseline.Plan.Serving, run.Plan.Serving))
            return [];
        var others = Measured(run);
        return Measured(baseline).Where(pair => others.ContainsKey(pair.Key)).SelectMany(pair => Metrics.Select(metric =>
            new ServingComparison(pair.Key, metric.Key, baselineLabel, runLabel, metric.Value(pair.Value), metric.Value(others[pair.Key]))));
    }

    /// <summary>
    /// Whether two load plans sent the same requests: the same engine, lengths (a lengths file by its hash, not its path),
    /// shared prefix, forced output length and burstiness.
    /// </summary>
    public static bool SameWorkload(ServingPlanRecord? first, ServingPlanRecord? second) =>
        first is not null && second is not null
        && first.Engine == second.Engine
        && first.Lengths with { File = null } == second.Lengths with { File = null }
        && first.SharedPrefixTokens == second.SharedPrefixTokens
        && first.OutputLengthForced == second.OutputLengthForced
        && first.Burstiness.Equals(second.Burstiness);

    /// <summary>A run's ok serving points with metrics, by key (the first of duplicates).</summary>
    public static Dictionary<ServingPointKey, ServingPointMetrics> Measured(RunResult run) =>
        (run.Serving ?? []).Where(point => point is { Status: ResultStatus.Ok, Metrics: not null })
            .DistinctBy(ServingPointKey.Of).ToDictionary(ServingPointKey.Of, point => point.Metrics!);
}
