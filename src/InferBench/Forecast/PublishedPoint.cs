using InferBench.Cost.Catalog;

namespace InferBench.Forecast;

/// <summary>
/// A published measurement with what a roofline makes of it: the step time at the GPU's peaks and the effective
/// efficiency (that time over the measured step time), the one number a point can identify.
/// </summary>
public sealed record PublishedPoint(PublishedThroughputEntry Entry, string GpuClass, HostPeaks Peaks, ModelFacts Facts)
{
    public double ContextTokens => Entry.PromptTokens + (Entry.GenTokens ?? 0) / 2.0;

    /// <summary>The step at the peaks; ONNX Runtime points count the fp16 copy its quantized GEMMs go through (<see cref="ModelFacts.DequantizingGemm"/>), other engines' kernels do not.</summary>
    public double RooflineStepSeconds => Forecaster.RooflineSeconds(Facts, Entry.BatchSize, ContextTokens, Peaks, Entry.Precision,
        Entry.EngineFamily == Forecaster.EngineFamily && ModelFacts.DequantizingGemm(Entry.Precision, Peaks.Kind));

    public double MeasuredStepSeconds => Entry.BatchSize / Entry.DecodeTokensPerSecond;

    public double EffectiveEfficiency => RooflineStepSeconds / MeasuredStepSeconds;

    /// <summary>
    /// Whether <paramref name="other"/> is another point of the same model on the same engine: a row of the same
    /// published table (in this catalog each such set comes from one source), measured with the same kernels, version and
    /// method, so that one flatters a forecast of the other.
    /// </summary>
    public bool IsSiblingOf(PublishedPoint other) =>
        other != this && other.Entry.Model == Entry.Model && other.Entry.Engine == Entry.Engine;

    /// <exception cref="InputException">The entry names a GPU the catalog lacks, or one without specs.</exception>
    public static IReadOnlyList<PublishedPoint> All(PricingCatalog catalog) => catalog.PublishedThroughput.Select(entry =>
    {
        var gpu = PricingCatalog.Find(catalog.Gpus, entry.Gpu, $"publishedThroughput {entry.Id}: gpu");
        return new PublishedPoint(entry, gpu.Specs?.GpuClass ?? "", GpuPeaks.Of(gpu, $"publishedThroughput {entry.Id}: gpu"), ShapeFacts.Of(entry.Architecture));
    }).ToList();
}
