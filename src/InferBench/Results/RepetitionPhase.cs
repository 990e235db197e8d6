using System.Text.Json.Serialization;

namespace InferBench.Results;

[JsonConverter(typeof(JsonStringEnumConverter<RepetitionPhase>))]
public enum RepetitionPhase
{
    /// <summary>Kept for inspection, excluded from statistics.</summary>
    [JsonStringEnumMemberName("warmup")] Warmup,
    [JsonStringEnumMemberName("measured")] Measured,
}
