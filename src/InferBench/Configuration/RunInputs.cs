using InferBench.Cost.Citations;
using InferBench.Cost.Units;
using InferBench.Engines;
using InferBench.Fetch;
using InferBench.Results;
using InferBench.Telemetry.Power;

namespace InferBench.Configuration;

/// <summary>
/// What a front end was given for one run, before any check: the <c>run</c> command's options, or a campaign file's plan
/// and machine class. <see cref="RunConfigurationFactory.Create"/> checks it and makes the run's <see cref="Runner.RunConfiguration"/>.
/// </summary>
/// <param name="Plan">The plan as given; checked by the factory (<see cref="Runner.RunPlanPoints.Validate"/>).</param>
/// <param name="Utilization">The share of paid hours spent generating, cited where it came from (given or a default).</param>
/// <param name="ResultsFolder">The folder that receives the run folder.</param>
/// <param name="StartedUtc">When the run started.</param>
/// <param name="CommandLine">How the run was asked for, recorded in run.json.</param>
public sealed record RunInputs(RunPlanRecord Plan, Cited<Utilization> Utilization, string ResultsFolder, DateTimeOffset StartedUtc, string CommandLine)
{
    /// <summary>The name of the engine the run loads and generates with, one of <see cref="InferenceEngines.All"/>.</summary>
    public string Engine { get; init; } = InferenceEngines.Default.Name;

    public PowerSourceChoice Power { get; init; } = PowerSourceChoice.Auto;

    /// <summary>The CPU's TDP and threads for the estimate, already rated against this machine's CPU; none given: the TDP table's.</summary>
    public CpuRating Cpu { get; init; } = new(null, null);

    /// <summary>Idle power is measured this long before and after the sweep (<see cref="PowerInputs.IdleSeconds"/>; 0: skip).</summary>
    public required double IdleSeconds { get; init; }

    /// <summary>A rented machine's price given as a number, cited; null: none (or <see cref="Instance"/>).</summary>
    public Cited<UsdPerHour>? PricePerHour { get; init; }

    /// <summary>A GPU instance id of the pricing catalog, priced at its USD per hour; null: none (or <see cref="PricePerHour"/>).</summary>
    public string? Instance { get; init; }

    /// <summary>Whether each model's quality is measured after the sweep.</summary>
    public bool Fidelity { get; init; }

    /// <summary>The campaign shard the run is; null for a plain run.</summary>
    public CampaignShard? Shard { get; init; }

    /// <summary>Where a fetched evaluation text is looked for; null: the fetch cache of the environment.</summary>
    public FetchCache? TextCache { get; init; }
}
