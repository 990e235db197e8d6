namespace InferBench.Manifest;

/// <summary>The contents of models.manifest.json: the models InferBench knows how to benchmark.</summary>
public sealed record ModelManifest
{
    public const int CurrentSchemaVersion = 1;

    public required int SchemaVersion { get; init; }
    public required IReadOnlyList<ManifestModel> Models { get; init; }
}
