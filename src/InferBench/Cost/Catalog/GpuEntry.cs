namespace InferBench.Cost.Catalog;

/// <summary>A GPU model: its peak dense FP16/BF16 tensor throughput (no sparsity), and the datasheet figures forecasts use.</summary>
public sealed record GpuEntry : CatalogEntry
{
    public required double PeakDenseTflops { get; init; }
    /// <summary>Null for an entry that does not say which memory version it is (a100-sxm4): forecasts refuse it.</summary>
    public GpuSpecs? Specs { get; init; }
}
