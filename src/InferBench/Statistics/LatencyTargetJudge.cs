using InferBench.Results;

namespace InferBench.Statistics;

/// <summary>Judges a measured row against latency targets (<c>--slo</c>): each target's statistic, in milliseconds, at most its limit.</summary>
public static class LatencyTargetJudge
{
    /// <returns>Null without targets.</returns>
    public static TargetVerdict? Judge(ScenarioMetrics metrics, IReadOnlyList<LatencyTarget>? targets) =>
        Judge(targets, metric => Milliseconds(metrics, metric));

    /// <param name="milliseconds">The value of each metric a target bounds, in milliseconds.</param>
    /// <returns>Null without targets.</returns>
    public static TargetVerdict? Judge(IReadOnlyList<LatencyTarget>? targets, Func<LatencyMetric, double> milliseconds)
    {
        if (targets is not { Count: > 0 })
            return null;
        var readings = targets.Select(target =>
        {
            var measured = milliseconds(target.Metric);
            return new TargetReading(target.Metric, target.LimitMilliseconds, measured, measured <= target.LimitMilliseconds);
        }).ToArray();
        return new TargetVerdict(readings.All(r => r.Met), readings);
    }

    /// <summary>The row's value of <paramref name="metric"/>, in milliseconds; a value that is not finite meets no target.</summary>
    public static double Milliseconds(ScenarioMetrics metrics, LatencyMetric metric) => metric switch
    {
        LatencyMetric.Ttft => metrics.TimeToFirstTokenMilliseconds.Median,
        LatencyMetric.TtftP90 => metrics.TimeToFirstTokenMilliseconds.P90,
        LatencyMetric.TtftP99 => metrics.TimeToFirstTokenMilliseconds.P99,
        LatencyMetric.Itl => metrics.InterTokenLatencyMilliseconds.Median,
        LatencyMetric.ItlP90 => metrics.InterTokenLatencyMilliseconds.P90,
        LatencyMetric.ItlP99 => metrics.InterTokenLatencyMilliseconds.P99,
        LatencyMetric.E2e => metrics.EndToEndSeconds.Median * 1000.0,
        LatencyMetric.E2eP90 => metrics.EndToEndSeconds.P90 * 1000.0,
        LatencyMetric.E2eP99 => metrics.EndToEndSeconds.P99 * 1000.0,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };
}
