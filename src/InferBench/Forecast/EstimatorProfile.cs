namespace InferBench.Forecast;

/// <summary>
/// profile.json: what other estimators read from a run (format: Schemas/profile.schema.json, documented in
/// results/README.md): the host's peak rates, and per variant its model facts, each measured point's achieved rates
/// and the fitted step-time model.
/// </summary>
public sealed record EstimatorProfile
{
    public const int CurrentSchemaVersion = 1;
    public const string FileName = "profile.json";
    public const string StepModelFormula = "stepSeconds = max(bytes / (memoryEfficiency * memoryBandwidthBytesPerSecond), flops / (computeEfficiency * peakFlopsPerSecond)) + layers * fixedSecondsPerLayer";

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required string RunId { get; init; }
    public required DateTimeOffset CreatedUtc { get; init; }
    public required ProfileHost Host { get; init; }
    public string StepModel { get; init; } = StepModelFormula;
    public IReadOnlyList<ProfileVariant> Variants { get; init; } = [];

    /// <summary>The joint fit of every variant's decode steps (shared η_mem and t₀); null with fewer than two variants with decode steps, or in a profile written before it existed.</summary>
    public HostDecodeFit? DecodeFit { get; init; }
}
