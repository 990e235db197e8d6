namespace InferBench.Results;

/// <summary>
/// One model x variant x load point of a serving run: its status and, when measured, statistics over its measured
/// requests (definitions: docs/serving.md).
/// </summary>
public sealed record ServingPointResult
{
    public required string Model { get; init; }
    public required string Variant { get; init; }
    public required string Precision { get; init; }
    public required string ExecutionProvider { get; init; }
    public string? ModelPath { get; init; }
    public required ServingLoad Load { get; init; }
    public required ResultStatus Status { get; init; }
    public string? Reason { get; init; }
    public ServingCapabilities? Capabilities { get; init; }
    public ServingPointMetrics? Metrics { get; init; }
    public ServingEnergy? Energy { get; init; }
    /// <summary>Whether the point's requests meet the run's latency targets; null without targets or a measurement.</summary>
    public TargetVerdict? Targets { get; init; }
    public IReadOnlyList<ServingRequestRecord> Requests { get; init; } = [];
    /// <summary>On the last point of an automatic concurrency sweep: why it stopped doubling; null on every other point.</summary>
    public BatchStop? ConcurrencyStop { get; init; }
}
