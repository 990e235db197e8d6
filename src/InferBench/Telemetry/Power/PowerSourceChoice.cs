using System.Text.Json.Serialization;

namespace InferBench.Telemetry.Power;

/// <summary>Which source to measure with: <c>auto</c> takes the first available of NVML, RAPL, estimate.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PowerSourceChoice>))]
public enum PowerSourceChoice
{
    [JsonStringEnumMemberName("auto")] Auto,
    [JsonStringEnumMemberName("nvml")] Nvml,
    [JsonStringEnumMemberName("rapl")] Rapl,
    [JsonStringEnumMemberName("estimate")] Estimate,
    [JsonStringEnumMemberName("none")] None,
}
