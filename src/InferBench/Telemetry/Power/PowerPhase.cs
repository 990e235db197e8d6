using System.Text.Json.Serialization;

namespace InferBench.Telemetry.Power;

/// <summary>What the machine was doing during a measurement window.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PowerPhase>))]
public enum PowerPhase
{
    [JsonStringEnumMemberName("load")] Load,
    [JsonStringEnumMemberName("warmup")] Warmup,
    [JsonStringEnumMemberName("prefill")] Prefill,
    [JsonStringEnumMemberName("decode")] Decode,
    /// <summary>Whole generations (prefill and decode together), such as all measured repetitions of a plan point.</summary>
    [JsonStringEnumMemberName("generation")] Generation,
    [JsonStringEnumMemberName("idle")] Idle,
}
