using InferBench.Telemetry.Power;

namespace InferBench.Runner;

/// <summary>How a run measures energy: a part of <see cref="RunConfiguration"/>.</summary>
/// <param name="Source">The power source to measure with (<see cref="PowerSourceChoice.None"/>: no energy figures).</param>
/// <param name="Cpu">The CPU's TDP and threads for the estimate, when given.</param>
/// <param name="Idle">How long idle power is measured before and after the sweep (zero: not measured).</param>
public sealed record RunPowerSettings(PowerSourceChoice Source, CpuRating Cpu, TimeSpan Idle);
