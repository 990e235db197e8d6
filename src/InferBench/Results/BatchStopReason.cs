using System.Text.Json.Serialization;

namespace InferBench.Results;

/// <summary>Why a <c>--batch auto</c> sweep stopped doubling the batch.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BatchStopReason>))]
public enum BatchStopReason
{
    /// <summary>The next batch did not fit in memory (its row is <c>unsupported</c>: out of memory).</summary>
    [JsonStringEnumMemberName("out-of-memory")] OutOfMemory,
    /// <summary>The runtime refuses the next batch size (ONNX Runtime GenAI's fixed maximum; its row is <c>unsupported</c>).</summary>
    [JsonStringEnumMemberName("runtime-limit")] RuntimeLimit,
    /// <summary>Throughput gained less than the threshold over the last two doublings.</summary>
    [JsonStringEnumMemberName("throughput-flat")] ThroughputFlat,
    /// <summary>The batch broke a latency target (<c>--slo</c>); larger batches only add latency.</summary>
    [JsonStringEnumMemberName("target-broken")] TargetBroken,
    /// <summary>The batch reached <c>--max-batch</c>.</summary>
    [JsonStringEnumMemberName("max-batch")] MaxBatch,
    /// <summary>The next batch does not fit 32-bit sizes (batch x (prompt + gen) above 2,147,483,647 tokens).</summary>
    [JsonStringEnumMemberName("size-limit")] SizeLimit,
    /// <summary>The batch's row failed for another reason (see its reason).</summary>
    [JsonStringEnumMemberName("failed")] Failed,
}
