namespace InferBench.Forecast;

/// <summary>
/// step seconds = max(bytes / (η_mem x bandwidth), FLOPs / (η_compute x peak)) + layers x t₀, fitted to one variant's
/// steps by least squares on log times.
/// </summary>
/// <param name="MemoryEfficiency">η_mem: achieved share of the peak bandwidth on memory-bound steps.</param>
/// <param name="ComputeEfficiency">η_compute: achieved share of the peak FLOP rate on compute-bound steps.</param>
/// <param name="FixedSecondsPerLayer">t₀: per-step seconds that neither bytes nor FLOPs explain (operator launches), per layer.</param>
/// <param name="RmsRelativeResidual">Root mean square of (predicted - measured) / measured over the points used.</param>
public sealed record RooflineFit(
    FittedParameter MemoryEfficiency,
    FittedParameter ComputeEfficiency,
    FittedParameter FixedSecondsPerLayer,
    double RmsRelativeResidual,
    double MaxAbsRelativeResidual,
    int PointsUsed)
{
    public static double StepSeconds(double bytes, double flops, int layers, double bandwidth, double peakFlops, double memoryEfficiency, double computeEfficiency, double fixedSecondsPerLayer) =>
        Math.Max(bytes / (memoryEfficiency * bandwidth), flops / (computeEfficiency * peakFlops)) + layers * fixedSecondsPerLayer;
}
