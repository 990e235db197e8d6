namespace InferBench.Forecast;

/// <summary>
/// The peak rates step times are divided by: memory bandwidth and FLOP rate per precision, with where they come from
/// (the catalog's datasheet figures for a GPU; a short measurement for a CPU).
/// </summary>
/// <param name="PeakFlopsPerSecondByPrecision">Dense FLOP (or integer op) rate per variant precision (fp32, fp16, int8, int4).</param>
/// <param name="Source">How the figures were obtained, in words.</param>
public sealed record HostPeaks(
    string Hardware,
    string Kind,
    double MemoryBandwidthBytesPerSecond,
    IReadOnlyDictionary<string, double> PeakFlopsPerSecondByPrecision,
    string Source)
{
    public const string CpuKind = "cpu";
    public const string GpuKind = "gpu";

    /// <exception cref="InputException">No peak for this precision.</exception>
    public double PeakFlopsPerSecond(string precision) =>
        PeakFlopsPerSecondByPrecision.TryGetValue(precision, out var peak)
            ? peak
            : throw new InputException($"{Hardware}: no peak FLOP rate for precision {precision} (known: {string.Join(", ", PeakFlopsPerSecondByPrecision.Keys)})");

    /// <summary>
    /// The rate a variant's matrix products run at: the fp16 rate where its quantized weights go through a dequantizing
    /// GEMM (<see cref="ModelFacts.DequantizingGemm"/>: weight-only int4 and int8, multiplied in fp16), else its own
    /// precision's (the INT8 rate for an engine that runs INT8 GEMMs).
    /// </summary>
    /// <exception cref="InputException">No peak for that precision.</exception>
    public double PeakFlopsPerSecond(string precision, bool dequantizingGemm) => PeakFlopsPerSecond(GemmPrecision(precision, dequantizingGemm));

    /// <summary>The precision whose rate a variant's matrix products run at (see <see cref="PeakFlopsPerSecond(string, bool)"/>).</summary>
    public static string GemmPrecision(string precision, bool dequantizingGemm) => dequantizingGemm ? "fp16" : precision;
}
