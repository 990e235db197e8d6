namespace InferBench.Manifest;

/// <summary>A file the variant's folder should hold, with what it should hash to when known.</summary>
/// <remarks><see cref="Path"/> is relative to the variant's model folder.</remarks>
public sealed record ManifestFile
{
    public required string Path { get; init; }
    /// <summary>Lowercase hex SHA-256 of the file's bytes.</summary>
    public string? Sha256 { get; init; }
    public long? SizeBytes { get; init; }
}
