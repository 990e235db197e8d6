namespace InferBench.Cost.Catalog;

/// <summary>
/// A GPU's datasheet figures a performance forecast divides by, with their own source and date (the entry's
/// <see cref="GpuEntry.PeakDenseTflops"/> is the dense FP16/BF16 tensor rate).
/// </summary>
/// <param name="MemoryGiB">Memory size, as the datasheet gives it: what weights and KV cache must fit in; every embedded entry has it, an override file's may not (then forecasts do not check memory).</param>
/// <param name="PeakDenseInt8Tops">Dense INT8 tensor rate (no sparsity); null where the GPU has no INT8 tensor cores.</param>
/// <param name="PeakFp32Tflops">The fp32 rate of a GPU without TF32 tensor cores (before Ampere); null on the others, whose fp32 MatMul runs at the TF32 tensor rate, half the fp16 one.</param>
/// <param name="BoardPowerWatts">The board's power limit (TDP/TBP) at its default setting.</param>
/// <param name="GpuClass">datacenter-hbm, datacenter-gddr or consumer-gddr: the class published measurements are matched by.</param>
public sealed record GpuSpecs(
    double MemoryBandwidthGBps,
    double? MemoryGiB,
    double? PeakDenseInt8Tops,
    double? PeakFp32Tflops,
    double BoardPowerWatts,
    string GpuClass,
    string Source,
    string AsOf,
    InferBench.Results.Provenance Provenance,
    string? Note = null);
