using System.Text.Json.Serialization;

namespace InferBench.Results;

/// <summary>
/// An ONNX Runtime execution provider: what a manifest variant is built for, what a run asks for (<see cref="Auto"/>:
/// each variant on the provider it was made for) and what a target runs on. Written as its JSON name (<see cref="JsonEnumName"/>).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExecutionProvider>))]
public enum ExecutionProvider
{
    [JsonStringEnumMemberName("auto")] Auto,
    [JsonStringEnumMemberName("cpu")] Cpu,
    [JsonStringEnumMemberName("cuda")] Cuda,
}
