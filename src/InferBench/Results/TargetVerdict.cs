using System.Text.Json.Serialization;

namespace InferBench.Results;

/// <summary>Whether a measured row meets the run's latency targets (<c>--slo</c>), target by target.</summary>
/// <param name="Met">True when every target is met.</param>
/// <param name="Readings">Each target in the order given, with the row's value.</param>
public sealed record TargetVerdict(bool Met, IReadOnlyList<TargetReading> Readings)
{
    /// <summary>The targets the row misses, the one missed by the largest factor first.</summary>
    [JsonIgnore]
    public IReadOnlyList<TargetReading> Missed => [.. Readings.Where(r => !r.Met).OrderByDescending(r => r.RatioToLimit)];
}
