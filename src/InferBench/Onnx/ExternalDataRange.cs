namespace InferBench.Onnx;

/// <summary>Where one initializer's bytes lie in the external data file.</summary>
internal readonly record struct ExternalDataRange(long OffsetBytes, long LengthBytes);
