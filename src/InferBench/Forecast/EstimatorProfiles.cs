using InferBench.Cost.Catalog;
using InferBench.Results;

namespace InferBench.Forecast;

/// <summary>
/// <c>inferbench profile</c>'s logic: the peaks of the run's hardware (the catalog's for a GPU run; measured here for a
/// CPU run, which must therefore be profiled on the machine that ran it), then the profile.
/// </summary>
public static class EstimatorProfiles
{
    public const string GpuField = "Gpu";

    /// <param name="runJsonPath">The run.json <paramref name="run"/> was read from, which errors about the run name.</param>
    /// <param name="gpuId">The catalog GPU the run's CUDA rows ran on; null for a CPU run.</param>
    /// <param name="thisMachine">The machine this runs on: a CPU run's peaks are measured here.</param>
    /// <exception cref="InputException">A run without a measured row, a CUDA run without <paramref name="gpuId"/>, an unknown GPU, or a CPU run measured on another machine.</exception>
    public static EstimatorProfile FromRun(RunResult run, string runJsonPath, string? gpuId, PricingCatalog catalog, HostFacts thisMachine, DateTimeOffset nowUtc,
        CancellationToken cancellation)
    {
        if (!run.Results.Any(row => row.Status == ResultStatus.Ok))
            throw new InputException($"{runJsonPath}: run {run.RunId} has no measured row to profile (expected at least one ok row; "
                + (run.Results.Count == 0 ? "it has none" : $"its {ReadableNumber.Counted(run.Results.Count, "row")}: {string.Join(", ", run.Results.GroupBy(row => row.Status).Select(g => $"{g.Count()} {JsonEnumName.Of(g.Key)}"))}") + ")");
        ProfileHost host;
        if (gpuId is not null)
        {
            var gpu = PricingCatalog.Find(catalog.Gpus, gpuId, GpuField);
            var peaks = GpuPeaks.Of(gpu, GpuField);
            if (!run.Results.Any(row => row.Status == ResultStatus.Ok && row.ExecutionProvider == JsonEnumName.Of(ExecutionProvider.Cuda)))
                throw new InputFieldException([GpuField], $"run {run.RunId} has no measured CUDA row to profile on {gpuId}");
            host = new ProfileHost(HostPeaks.GpuKind, gpu.Description, gpu.Id, run.Host.LogicalCores, peaks.MemoryBandwidthBytesPerSecond, peaks.PeakFlopsPerSecondByPrecision, peaks.Source);
        }
        else
        {
            if (!run.Results.Any(row => row.Status == ResultStatus.Ok && row.ExecutionProvider == JsonEnumName.Of(ExecutionProvider.Cpu)))
                throw new InputFieldException([GpuField], $"run {run.RunId}'s measured rows ran on CUDA: name the GPU they ran on with a catalog GPU id");
            if (run.Host.CpuModel != thisMachine.CpuModel || run.Host.LogicalCores != thisMachine.LogicalCores)
                throw new InputException($"run {run.RunId} was measured on \"{run.Host.CpuModel}\" with {run.Host.LogicalCores} logical cores; this machine is \"{thisMachine.CpuModel}\" with {thisMachine.LogicalCores}: a CPU profile measures this machine's peak bandwidth and FLOP rate, so run `inferbench profile` on the machine that ran it");
            var measured = CpuPeakProbe.Measure(cancellation);
            var precisions = run.Results.Select(row => row.Precision).Append("fp32").Distinct();
            host = new ProfileHost(HostPeaks.CpuKind, thisMachine.CpuModel, null, thisMachine.LogicalCores, measured.ReadBandwidthBytesPerSecond,
                precisions.ToDictionary(precision => precision, _ => measured.Fp32GemmFlopsPerSecond), measured.Method);
        }
        return ProfileBuilder.Build(run, host, ModelFactsReader.Read, nowUtc);
    }
}
