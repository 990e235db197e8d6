namespace InferBench.Telemetry.Power;

/// <param name="Index">The device's index in its source's own order (NVML: PCI bus order; RAPL: package number).</param>
/// <param name="Id">A stable identity where there is one (GPU UUID, powercap zone path).</param>
public sealed record PowerDevice(int Index, string Name, string? Id);
