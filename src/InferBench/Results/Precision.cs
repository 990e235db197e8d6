using System.Text.Json.Serialization;

namespace InferBench.Results;

/// <summary>The numeric precision a model variant's weights are stored in.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Precision>))]
public enum Precision
{
    [JsonStringEnumMemberName("fp32")] Fp32,
    [JsonStringEnumMemberName("fp16")] Fp16,
    [JsonStringEnumMemberName("int8")] Int8,
    [JsonStringEnumMemberName("int4")] Int4,
}
