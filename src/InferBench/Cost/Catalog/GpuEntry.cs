namespace InferBench.Cost;

/// <summary>A GPU's peak dense FP16/BF16 tensor throughput (no sparsity), for training estimates.</summary>
public sealed record GpuEntry : CatalogEntry
{
    public required double PeakDenseTflops { get; init; }
}
