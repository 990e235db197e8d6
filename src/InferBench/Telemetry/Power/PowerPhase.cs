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
    [JsonStringEnumMemberName("idle")] Idle,
}
