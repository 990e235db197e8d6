using InferBench.Telemetry.Power;

namespace InferBench.Runner;

/// <summary>The power meter a sweep measures energy with, and the idle power measured before the sweep.</summary>
public sealed record SweepEnergy(PowerMeter Meter, IdleBaseline? IdleBefore)
{
    /// <summary>
    /// Why this meter's energy is not a row's on <paramref name="executionProvider"/>: a CUDA row's energy is its GPU's,
    /// and RAPL or the estimate measure the CPU. Null when the row's hardware is measured.
    /// </summary>
    public string? OtherHardwareThan(string executionProvider) =>
        executionProvider == ExecutionProviderChoice.Cuda && Meter.Selection.Opened is (PowerSourceChoice.Rapl or PowerSourceChoice.Estimate)
            ? $"this row ran on cuda, but the run measured the CPU ({JsonEnumName.Of(Meter.Selection.Source!.CounterSource)}), " +
              "which is not this row's energy: measure the GPU with NVML (--power nvml or auto)"
            : null;

    /// <summary>The shortest window worth measuring: a few counter updates or sample periods, and at least a second.</summary>
    public TimeSpan MinimumWindow(TimeSpan samplePeriod) =>
        TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, 5 * (Meter.CounterUpdatePeriod ?? samplePeriod).Ticks));
}
