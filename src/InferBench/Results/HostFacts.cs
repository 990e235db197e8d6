namespace InferBench.Results;

public sealed record HostFacts(
    string OperatingSystem,
    string Architecture,
    string CpuModel,
    int LogicalCores,
    long? MemoryBytes,
    IReadOnlyList<GpuFacts> Gpus);

public sealed record GpuFacts(string Name, string? DriverVersion);
