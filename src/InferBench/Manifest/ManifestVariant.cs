using InferBench.Results;

namespace InferBench.Manifest;

/// <summary>One build of a model: its precision, the providers it runs on and where its files are.</summary>
public sealed record ManifestVariant
{
    public required string Id { get; init; }
    public required Precision Precision { get; init; }
    public required IReadOnlyList<ExecutionProvider> ExecutionProviders { get; init; }
    public required ModelSource Source { get; init; }
    /// <summary>Files expected in the variant's folder; empty when the manifest lists none.</summary>
    public IReadOnlyList<ManifestFile> Files { get; init; } = [];
    public string? Notes { get; init; }
}
