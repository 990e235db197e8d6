namespace InferBench.Campaign;

/// <summary>The contents of a campaign file (schema: Schemas/campaign.schema.json): what to run and on which machine classes.</summary>
public sealed record CampaignFile
{
    public const int CurrentSchemaVersion = 1;

    public required int SchemaVersion { get; init; }
    public required string Name { get; init; }
    /// <summary>The model manifest, relative to the campaign file's folder.</summary>
    public required string Manifest { get; init; }
    public required IReadOnlyList<CampaignModel> Models { get; init; }
    public required CampaignPlan Plan { get; init; }
    public required IReadOnlyList<MachineClass> MachineClasses { get; init; }
    /// <summary>What <c>campaign k8s</c> needs; null when the campaign does not run on Kubernetes.</summary>
    public KubernetesSettings? Kubernetes { get; init; }
}

/// <summary>A manifest model and the variants of it the campaign runs.</summary>
public sealed record CampaignModel(string Model, IReadOnlyList<string> Variants);

/// <summary>
/// The run plan every shard runs; a field left out takes <c>inferbench run</c>'s default, except <see cref="BatchSizes"/>:
/// 1 and 4 on every machine class (no <c>--batch auto</c>, <c>--slo</c> or quality-text options in a campaign).
/// </summary>
public sealed record CampaignPlan
{
    public IReadOnlyList<int> PromptTokens { get; init; } = [128, 512];
    public IReadOnlyList<int> GenTokens { get; init; } = [64];
    public IReadOnlyList<int> BatchSizes { get; init; } = [1, 4];
    public int Warmup { get; init; } = 1;
    public int Reps { get; init; } = 3;
    public int Seed { get; init; } = 42;
    public double IdleSeconds { get; init; } = 2;
    /// <summary>Measured within a shard, against the model's highest-precision variant in that shard (docs/methods.md, "Quality of each rung").</summary>
    public bool Fidelity { get; init; } = true;
    /// <summary>Share of paid hours spent generating, for the price of a class's catalog instance; null: every paid hour.</summary>
    public double? Utilization { get; init; }
}

/// <summary>A kind of machine the campaign runs on: a GPU type or node pool, its GPU count and its price.</summary>
/// <param name="GpuCount">GPUs a shard asks for; 0: the shard runs on the CPU (<c>--ep cpu</c>), else on CUDA (<c>--ep cuda</c>).</param>
/// <param name="Instance">A GPU instance id of the pricing catalog, the price of one such machine; null: unpriced.</param>
/// <param name="Shards">How many shards the class's model variants are split into; null: one per model variant.</param>
public sealed record MachineClass(
    string Id,
    int GpuCount,
    string? Instance = null,
    int? Shards = null,
    SlurmSettings? Slurm = null,
    KubernetesClassSettings? Kubernetes = null);

public sealed record SlurmSettings(string? Partition = null);

public sealed record KubernetesClassSettings(IReadOnlyDictionary<string, string>? NodeSelector = null);

/// <param name="Image">A container image with <c>inferbench</c> on its PATH.</param>
/// <param name="ResultsClaim">A ReadWriteMany PersistentVolumeClaim the shards write their run folders to.</param>
/// <param name="BackoffLimitPerIndex">Retries of a failed shard (default 1); each shard is retried alone.</param>
/// <param name="Inferbench">How the image runs inferbench; null: the repository's Dockerfile image's way.</param>
/// <param name="KubectlImage">An image with sh and kubectl for the merge Job's wait; null: <see cref="KubernetesManifests.DefaultKubectlImage"/>.</param>
/// <param name="MergeWaitSeconds">How long the merge Job waits for the shard Jobs; null: <see cref="KubernetesManifests.DefaultMergeWaitSeconds"/>.</param>
public sealed record KubernetesSettings(
    string Image,
    string ResultsClaim,
    string? Namespace = null,
    int? BackoffLimitPerIndex = null,
    string? Inferbench = null,
    string? KubectlImage = null,
    int? MergeWaitSeconds = null);
