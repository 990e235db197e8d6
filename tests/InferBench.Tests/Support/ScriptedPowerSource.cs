using InferBench.Telemetry.Power;

namespace InferBench.Tests.Support;

/// <summary>
/// A power source that reads a <see cref="PowerTrace"/> on a fake clock: its counter is the trace's exact integral
/// (stepped every <see cref="CounterStep"/>, times <see cref="CounterScale"/>), its power the trace's value.
/// </summary>
public sealed class ScriptedPowerSource(FakeClock clock, PowerTrace trace) : IPowerSource
{
    public bool HasCounter { get; init; } = true;
    public bool HasPower { get; init; } = true;
    public TimeSpan? CounterStep { get; init; }
    public double CounterScale { get; init; } = 1;
    public Func<TimeSpan, ThrottleReasons?> Reasons { get; init; } = _ => null;
    /// <summary>From this time on, every counter read fails.</summary>
    public TimeSpan? CounterFailsFrom { get; init; }
    /// <summary>From this time on, the counter restarts from zero.</summary>
    public TimeSpan? CounterResetAt { get; init; }
    public int Reads { get; private set; }

    public string Method => "scripted";
    public IReadOnlyList<string> Notes => [];
    /// <summary>What the counter stands for: NVML's by default, RAPL's for a CPU source.</summary>
    public EnergySource CounterLabel { get; init; } = EnergySource.MeasuredNvmlCounter;
    public EnergySource CounterSource => HasCounter ? CounterLabel : EnergySource.Unavailable;
    public EnergySource PowerSource => HasPower ? EnergySource.MeasuredNvmlPower : EnergySource.Unavailable;
    public bool CounterRefreshesPeriodically { get; init; } = true;
    public IReadOnlyList<PowerDevice> Devices { get; } = [new PowerDevice(0, "scripted", null)];
    public string? LastReadProblem { get; private set; }

    public PowerReading Read()
    {
        Reads++;
        var now = clock.Now;
        var counterFails = now >= CounterFailsFrom;
        LastReadProblem = counterFails ? "scripted counter failure" : null;
        var reset = now >= CounterResetAt;
        var counted = CounterStep is { } step ? TimeSpan.FromTicks(now.Ticks / step.Ticks * step.Ticks) : now;
        var energy = reset ? trace.Between(CounterResetAt!.Value, counted) : trace.Between(TimeSpan.Zero, counted);
        return new PowerReading(
            HasCounter && !counterFails ? new Energy(energy.Joules * CounterScale) : null,
            HasPower ? trace.At(now) : null,
            Reasons(now),
            reset ? 1 : 0);
    }

    public IReadOnlyList<DeviceSnapshot> Snapshot() => [DeviceSnapshot.NameOnly(Devices[0])];

    public void Dispose()
    {
    }
}
