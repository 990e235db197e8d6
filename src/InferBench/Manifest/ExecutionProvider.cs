using System.Text.Json.Serialization;

namespace InferBench.Manifest;

/// <summary>An ONNX Runtime execution provider a model variant is built to run on.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExecutionProvider>))]
public enum ExecutionProvider
{
    [JsonStringEnumMemberName("cpu")] Cpu,
    [JsonStringEnumMemberName("cuda")] Cuda,
}
