namespace InferBench.Forecast;

/// <summary>What <see cref="CpuPeakProbe"/> measured on this machine.</summary>
public sealed record CpuPeakMeasurement(double ReadBandwidthBytesPerSecond, double Fp32GemmFlopsPerSecond, string Method);
