using InferBench.Telemetry.Power;

namespace InferBench.Runner;

/// <summary>The power meter a sweep measures energy with, and the idle power measured before the sweep.</summary>
public sealed record SweepEnergy(PowerMeter Meter, IdleBaseline? IdleBefore)
{
    /// <summary>The shortest window worth measuring: a few counter updates or sample periods, and at least a second.</summary>
    public TimeSpan MinimumWindow(TimeSpan samplePeriod) =>
        TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, 5 * (Meter.CounterUpdatePeriod ?? samplePeriod).Ticks));
}
