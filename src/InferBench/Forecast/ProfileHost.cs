using System.Text.Json.Serialization;

namespace InferBench.Forecast;

/// <summary>The machine a profile's run measured, and the peak rates its efficiencies are shares of.</summary>
/// <param name="GpuId">The catalog GPU id (GPU runs): forecasts for that GPU model use this profile as their calibration.</param>
/// <param name="PeakFlopsPerSecondByPrecision">On a CPU every precision has the measured fp32 GEMM rate: int8 and int4 kernels that beat it show as a compute efficiency above 1.</param>
public sealed record ProfileHost(
    string Kind,
    string Hardware,
    string? GpuId,
    int LogicalCores,
    double MemoryBandwidthBytesPerSecond,
    IReadOnlyDictionary<string, double> PeakFlopsPerSecondByPrecision,
    string PeaksSource)
{
    [JsonIgnore]
    public HostPeaks Peaks => new(Hardware, Kind, MemoryBandwidthBytesPerSecond, PeakFlopsPerSecondByPrecision, PeaksSource);
}
