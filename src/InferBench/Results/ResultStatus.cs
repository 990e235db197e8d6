using System.Text.Json.Serialization;

namespace InferBench.Results;

[JsonConverter(typeof(JsonStringEnumConverter<ResultStatus>))]
public enum ResultStatus
{
    /// <summary>Measured.</summary>
    [JsonStringEnumMemberName("ok")] Ok,
    /// <summary>Tried and broke: the reason says where.</summary>
    [JsonStringEnumMemberName("failed")] Failed,
    /// <summary>Cannot run on this host or build (for example a CUDA-only variant on a CPU build).</summary>
    [JsonStringEnumMemberName("unsupported")] Unsupported,
    /// <summary>Not attempted (model not present locally, or the run was cancelled first).</summary>
    [JsonStringEnumMemberName("skipped")] Skipped,
}
