using System.Text.Json.Serialization;

namespace InferBench.Results;

/// <summary>A latency a target (<c>--slo</c>) can bound, with the statistic of it that is bounded.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LatencyMetric>))]
public enum LatencyMetric
{
    /// <summary>Time to first token, median over the measured repetitions.</summary>
    [JsonStringEnumMemberName("ttft")] Ttft,
    [JsonStringEnumMemberName("ttft-p90")] TtftP90,
    [JsonStringEnumMemberName("ttft-p99")] TtftP99,
    /// <summary>Inter-token latency, median over every decode step of the measured repetitions.</summary>
    [JsonStringEnumMemberName("itl")] Itl,
    [JsonStringEnumMemberName("itl-p90")] ItlP90,
    [JsonStringEnumMemberName("itl-p99")] ItlP99,
    /// <summary>End-to-end time of a generation (TTFT + decode), median over the measured repetitions.</summary>
    [JsonStringEnumMemberName("e2e")] E2e,
    [JsonStringEnumMemberName("e2e-p90")] E2eP90,
    [JsonStringEnumMemberName("e2e-p99")] E2eP99,
}
