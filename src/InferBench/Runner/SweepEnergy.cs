using InferBench.Results;
using InferBench.Telemetry.Power;

namespace InferBench.Runner;

/// <summary>The power meter a sweep measures energy with, and the idle power measured before the sweep.</summary>
public sealed record SweepEnergy(PowerMeter Meter, IdleBaseline? IdleBefore)
{
    /// <summary>
    /// Why this meter's energy is not a row's on <paramref name="executionProvider"/>: a CUDA row's energy is its GPU's,
    /// which RAPL and the estimate do not measure, and a CPU row's is the CPU's, which NVML does not measure.
    /// Null when the row's hardware is measured.
    /// </summary>
    public string? OtherHardwareThan(ExecutionProvider executionProvider) => (executionProvider, Meter.Selection.Opened) switch
    {
        (ExecutionProvider.Cuda, PowerSourceChoice.Rapl or PowerSourceChoice.Estimate) =>
            $"this row ran on cuda, but the run measured the CPU ({MeasuredLabel}), " +
            "which is not this row's energy: measure the GPU with NVML",
        (ExecutionProvider.Cpu, PowerSourceChoice.Nvml) =>
            $"this row ran on cpu, but the run measured the GPU ({MeasuredLabel}), " +
            "which is not this row's energy: measure the CPU with RAPL or the estimate",
        _ => null,
    };

    private string MeasuredLabel => JsonEnumName.Of(Meter.Selection.Source!.CounterSource != EnergySource.Unavailable
        ? Meter.Selection.Source.CounterSource
        : Meter.Selection.Source.PowerSource);

    /// <summary>The shortest window worth measuring: a few counter updates or sample periods, and at least a second.</summary>
    public TimeSpan MinimumWindow(TimeSpan samplePeriod) =>
        TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, 5 * (Meter.CounterUpdatePeriod ?? samplePeriod).Ticks));
}
