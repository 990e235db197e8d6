namespace InferBench.Telemetry.Power.Nvml;

/// <summary>The GPUs a CUDA run can see, as NVML indices, and anything about the selection worth telling the user.</summary>
public sealed record CudaDeviceSelection(IReadOnlyList<int> NvmlIndices, IReadOnlyList<string> Notes);
