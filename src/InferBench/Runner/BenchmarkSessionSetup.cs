using InferBench.Results;
using InferBench.Telemetry.Power;

namespace InferBench.Runner;

/// <summary>Everything a <see cref="BenchmarkSession"/> needs besides its targets, read and checked by a front end.</summary>
/// <param name="CommandLine">How the run was asked for, recorded in run.json.</param>
/// <param name="Power">The power source to measure with (<see cref="PowerSourceChoice.None"/>: no energy figures).</param>
/// <param name="Cpu">The CPU's TDP and threads for the estimate, when given.</param>
/// <param name="Idle">How long idle power is measured before and after the sweep (zero: not measured).</param>
/// <param name="Cost">What the cost figures assume, recorded in run.json; null when the run records none.</param>
/// <param name="Fidelity">Whether each variant's drift from its model's reference variant is measured after the sweep.</param>
/// <param name="Shard">The campaign shard the run is, recorded in run.json; null for a plain run.</param>
public sealed record BenchmarkSessionSetup(
    RunPlanRecord Plan,
    HostFacts Host,
    DateTimeOffset StartedUtc,
    string CommandLine,
    PowerSourceChoice Power,
    CpuRating Cpu,
    TimeSpan Idle,
    CostSetup? Cost,
    bool Fidelity,
    CampaignShard? Shard = null);
