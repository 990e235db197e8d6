namespace InferBench.Forecast;

/// <summary>
/// One fit over the decode steps of every variant a profile measured: the memory efficiency and the fixed time per
/// layer are the host's (shared by all variants), each variant keeps its own compute efficiency. Variants of one model
/// read very different bytes per step through the same layers, so together they tell a fixed time from a lower
/// efficiency, which one variant's points cannot; and a decode step (M = batch rows) runs kernels at a share of the
/// peak unlike a prefill's, so prefills are left to each variant's own fit.
/// </summary>
/// <param name="ComputeEfficiencyByVariant">Per "model/variant".</param>
public sealed record HostDecodeFit(
    FittedParameter MemoryEfficiency,
    FittedParameter FixedSecondsPerLayer,
    IReadOnlyDictionary<string, FittedParameter> ComputeEfficiencyByVariant,
    double RmsRelativeResidual,
    double MaxAbsRelativeResidual,
    int PointsUsed);
