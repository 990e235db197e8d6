using InferBench.Results;
using InferBench.Telemetry.Power;

namespace InferBench.Runner;

/// <summary>The power meter a sweep measures energy with, and the idle power measured before the sweep.</summary>
public sealed record SweepEnergy(PowerMeter Meter, IdleBaseline? IdleBefore)
{
    /// <summary>
    /// Why this meter's energy is not a row's on <paramref name="executionProvider"/>: a CUDA row's energy is its GPU's,
    /// which RAPL and the estimate do not measure, and a CPU row's is the CPU's, which NVML does not measure
    /// (<see cref="EnergyHardware"/>). Null when the row's hardware is measured.
    /// </summary>
    public string? OtherHardwareThan(ExecutionProvider executionProvider)
    {
        var label = JsonEnumName.Of(Meter.Selection.Label);
        return EnergyHardware.Of(label) is { } measured && measured != executionProvider
            ? measured == ExecutionProvider.Cuda
                ? $"this row ran on {JsonEnumName.Of(executionProvider)}, but the run measured the GPU ({label}), " +
                  "which is not this row's energy: measure the CPU with RAPL or the estimate"
                : $"this row ran on {JsonEnumName.Of(executionProvider)}, but the run measured the CPU ({label}), " +
                  "which is not this row's energy: measure the GPU with NVML"
            : null;
    }

    /// <summary>The shortest window worth measuring: a few counter updates or sample periods, and at least a second.</summary>
    public TimeSpan MinimumWindow =>
        TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, 5 * (Meter.CounterUpdatePeriod ?? Meter.SamplePeriod).Ticks));

    /// <summary>Each device's state now, as the meter's source reads it (NVML: clocks, power limit, temperature, throttle reasons).</summary>
    public IReadOnlyList<DeviceState> DeviceStates() => Meter.Snapshot()
        .Select(d => new DeviceState(
            d.Device.Name,
            d.SmClockMegahertz,
            d.MemoryClockMegahertz,
            d.PowerLimit?.Watts,
            d.TemperatureCelsius,
            d.ThrottleReasons is { } reasons ? Names(reasons) : []))
        .ToArray();

    private static string[] Names(ThrottleReasons reasons) => Enum.GetValues<ThrottleReasons>()
        .Where(reason => reason != ThrottleReasons.None && reasons.HasFlag(reason))
        .Select(reason => reason.ToString())
        .ToArray();
}
