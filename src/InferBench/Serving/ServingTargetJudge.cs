using InferBench.Results;
using InferBench.Statistics;

namespace InferBench.Serving;

/// <summary>
/// The run's latency targets (<c>--slo</c>) on a serving point. A request meets them when its own TTFT (ttft targets), time
/// per output token (itl targets) and end-to-end latency (e2e targets) are each at most the limit, whatever the percentile
/// suffix: goodput counts such requests, as vLLM's does. The point's verdict reads the suffix: the median, p90 or p99 of its
/// TTFT, of every inter-token gap, and of its end-to-end latency.
/// </summary>
public static class ServingTargetJudge
{
    /// <param name="timePerOutputTokenMilliseconds">Null for a request of one output token, which has no gap and meets every itl target.</param>
    public static bool Meets(
        IReadOnlyList<LatencyTarget> targets, double timeToFirstTokenMilliseconds, double? timePerOutputTokenMilliseconds, double endToEndMilliseconds) =>
        targets.All(target => Family(target.Metric) switch
        {
            LatencyMetric.Ttft => timeToFirstTokenMilliseconds <= target.LimitMilliseconds,
            LatencyMetric.Itl => timePerOutputTokenMilliseconds is not { } tpot || tpot <= target.LimitMilliseconds,
            _ => endToEndMilliseconds <= target.LimitMilliseconds,
        });

    /// <returns>Null without targets.</returns>
    public static TargetVerdict? Judge(ServingPointMetrics metrics, IReadOnlyList<LatencyTarget> targets) =>
        LatencyTargetJudge.Judge(targets, metric => Family(metric) switch
        {
            LatencyMetric.Ttft => Statistic(metrics.TimeToFirstTokenMilliseconds, metric),
            LatencyMetric.Itl => metrics.InterTokenLatencyMilliseconds is { } itl ? Statistic(itl, metric) : double.NaN,
            _ => Statistic(metrics.EndToEndMilliseconds, metric),
        });

    /// <summary>The latency a target bounds, without its statistic: ttft, itl or e2e.</summary>
    private static LatencyMetric Family(LatencyMetric metric) => metric switch
    {
        LatencyMetric.Ttft or LatencyMetric.TtftP90 or LatencyMetric.TtftP99 => LatencyMetric.Ttft,
        LatencyMetric.Itl or LatencyMetric.ItlP90 or LatencyMetric.ItlP99 => LatencyMetric.Itl,
        LatencyMetric.E2e or LatencyMetric.E2eP90 or LatencyMetric.E2eP99 => LatencyMetric.E2e,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    private static double Statistic(SampleStatistics statistics, LatencyMetric metric) => metric switch
    {
        LatencyMetric.TtftP90 or LatencyMetric.ItlP90 or LatencyMetric.E2eP90 => statistics.P90,
        LatencyMetric.TtftP99 or LatencyMetric.ItlP99 or LatencyMetric.E2eP99 => statistics.P99,
        _ => statistics.Median,
    };
}
