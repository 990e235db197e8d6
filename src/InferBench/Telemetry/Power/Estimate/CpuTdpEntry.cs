namespace InferBench.Telemetry.Power.Estimate;

/// <summary>One chip of <see cref="CpuTdpTable"/>: its TDP and hardware threads per package.</summary>
/// <param name="Server">A server chip: these set the per-thread default for chips the table does not know.</param>
internal sealed record CpuTdpEntry(string ModelSubstring, double Watts, int HardwareThreads, bool Server)
{
    public double WattsPerThread => Watts / HardwareThreads;
}
