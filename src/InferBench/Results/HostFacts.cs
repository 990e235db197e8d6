namespace InferBench.Results;

/// <param name="Cloud">The cloud instance, from the provider's metadata service; null off a cloud or when not probed.</param>
public sealed record HostFacts(
    string OperatingSystem,
    string Architecture,
    string CpuModel,
    int LogicalCores,
    long? MemoryBytes,
    IReadOnlyList<GpuFacts> Gpus,
    CloudInstance? Cloud = null);

public sealed record GpuFacts(string Name, string? DriverVersion);
