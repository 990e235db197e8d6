namespace InferBench.Results;

/// <summary>One model x variant x plan point: its status and, when measured, its samples and statistics.</summary>
public sealed record ScenarioResult
{
    public required string Model { get; init; }
    public required string Variant { get; init; }
    public required string Precision { get; init; }
    public required string ExecutionProvider { get; init; }
    public string? ModelPath { get; init; }
    public required int BatchSize { get; init; }
    public required int PromptTokens { get; init; }
    public required int GenTokens { get; init; }
    public required ResultStatus Status { get; init; }
    /// <summary>Why the row is not ok, or a note on an ok row (for example a cancelled run's partial point).</summary>
    public string? Reason { get; init; }
    public double? LoadSeconds { get; init; }
    /// <summary>Process resident set size right after the model was loaded.</summary>
    public long? ResidentMemoryAfterLoadBytes { get; init; }
    /// <summary>Peak resident set size of the process while this point ran (see results/README.md).</summary>
    public long? PeakMemoryBytes { get; init; }
    public ScenarioMetrics? Metrics { get; init; }
    public ScenarioEnergy? Energy { get; init; }
    /// <summary>Drift from the model's reference variant; null for the reference itself and where not measured.</summary>
    public ScenarioFidelity? Fidelity { get; init; }
    /// <summary>NVML runs: the steady-state warmup and each GPU's state at the start and end of the measured repetitions.</summary>
    public GpuPointState? Gpu { get; init; }
    public IReadOnlyList<RepetitionSample> Repetitions { get; init; } = [];
    /// <summary>The sweep round that measured the row, from 1 (see <see cref="RunPlanRecord.Rounds"/>); 1 in files without it.</summary>
    public int Round { get; init; } = 1;

    /// <summary>How many measured repetitions ran and why they stopped; null where none was measured.</summary>
    public RepetitionStop? RepetitionStop { get; init; }

    /// <summary>Whether the row meets the run's latency targets (<c>--slo</c>); null without targets or a measurement.</summary>
    public TargetVerdict? Targets { get; init; }

    /// <summary>On the row that ended a <c>--batch auto</c> sweep: why the batch stopped doubling; null on the others.</summary>
    public BatchStop? BatchStop { get; init; }
}
