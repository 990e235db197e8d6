namespace InferBench.Results;

/// <summary>
/// Everything one run produced: what was planned, where it ran, and one <see cref="ScenarioResult"/> per
/// model x variant x plan point. This is the single results model: run.json is its serialized form and
/// every exporter reads only it.
/// </summary>
public sealed record RunResult
{
    /// <summary>The version this build writes. 2: NVML energy is the run's own GPU's, not every GPU's; the CPU estimate
    /// is charged per hardware thread of the chip; estimates have no net-of-idle J/token. 3: a run may hold serving
    /// points, and results.csv rows may be serving load points (results/README.md).</summary>
    public const int CurrentSchemaVersion = 3;

    /// <summary>The oldest version this build still reads: every version's properties bind to this model.</summary>
    public const int OldestReadableSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required string RunId { get; init; }
    public required DateTimeOffset StartedUtc { get; init; }
    public DateTimeOffset? FinishedUtc { get; init; }
    /// <summary>True when the run was stopped (Ctrl-C) before its plan was done.</summary>
    public bool Cancelled { get; init; }
    /// <summary>Whether the files hold the whole run; files written before this field existed are read as complete.</summary>
    public RunState State { get; init; } = RunState.Complete;
    public required string CommandLine { get; init; }
    public required RunPlanRecord Plan { get; init; }
    public required HostFacts Host { get; init; }
    public required SoftwareVersions Software { get; init; }
    /// <summary>How energy was measured; null when the run measured none (--power none).</summary>
    public PowerSetup? Power { get; init; }
    /// <summary>What the cost figures assume (price, utilisation, electricity, PUE, grid carbon).</summary>
    public CostSetup? Cost { get; init; }
    public IReadOnlyList<ScenarioResult> Results { get; init; } = [];
    /// <summary>How each point moved between sweep rounds; null for a one-round run.</summary>
    public RoundDrift? Drift { get; init; }
    /// <summary>The campaign shard this run was; null for a run that was not one (added in version 2, optional).</summary>
    public CampaignShard? Shard { get; init; }
    /// <summary>The text quality was measured on (source, revision, hash, licence); null when no model was measured on text.</summary>
    public EvaluationTextRecord? EvaluationText { get; init; }
    /// <summary>A serving run's load points (<c>serve</c>), one per model x variant x load, in run order; null for a
    /// static-batch run (added in version 3).</summary>
    public IReadOnlyList<ServingPointResult>? Serving { get; init; }
}
