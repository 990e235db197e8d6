using System.Text.Json.Serialization;

namespace InferBench.Engines;

/// <summary>Why a served request's turn ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ServingFinishReason>))]
public enum ServingFinishReason
{
    [JsonStringEnumMemberName("end-of-sequence")] EndOfSequence,
    [JsonStringEnumMemberName("stop-string")] StopString,
    [JsonStringEnumMemberName("max-generated-tokens")] MaxGeneratedTokens,
    [JsonStringEnumMemberName("max-session-tokens")] MaxSessionTokens,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
    [JsonStringEnumMemberName("failed")] Failed,
}
