namespace InferBench.Results;

/// <summary>One latency target of <c>--slo</c>: a row meets it when its <paramref name="Metric"/> is at most the limit.</summary>
/// <param name="Metric">The latency and its statistic, such as <c>itl-p99</c>.</param>
/// <param name="LimitMilliseconds">The most the statistic may be, in milliseconds.</param>
public sealed record LatencyTarget(LatencyMetric Metric, double LimitMilliseconds)
{
    /// <summary>Such as <c>itl-p99 ≤ 30 ms</c>.</summary>
    public override string ToString() => $"{JsonEnumName.Of(Metric)} ≤ {ReadableNumber.Of(LimitMilliseconds)} ms";
}
