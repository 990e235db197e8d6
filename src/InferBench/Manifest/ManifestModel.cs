namespace InferBench.Manifest;

/// <summary>One model, available in one or more variants (precision x execution provider builds).</summary>
public sealed record ManifestModel
{
    public required string Id { get; init; }
    public required string Description { get; init; }
    public string? Family { get; init; }
    public required IReadOnlyList<ManifestVariant> Variants { get; init; }
}
