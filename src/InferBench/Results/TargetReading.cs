using System.Text.Json.Serialization;

namespace InferBench.Results;

/// <summary>One target against a row: what the row measured and whether that meets the limit.</summary>
/// <param name="MeasuredMilliseconds">The row's value of the target's metric, in milliseconds.</param>
public sealed record TargetReading(LatencyMetric Metric, double LimitMilliseconds, double MeasuredMilliseconds, bool Met)
{
    /// <summary>How far over (above 1) or under the limit the row is: measured / limit.</summary>
    [JsonIgnore]
    public double RatioToLimit => MeasuredMilliseconds / LimitMilliseconds;
}
