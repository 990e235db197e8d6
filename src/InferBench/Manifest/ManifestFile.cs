namespace InferBench.Manifest;

/// <summary>A file the variant's folder should hold, with what it should hash to when known.</summary>
/// <remarks><see cref="Path"/> is relative to the variant's model folder.</remarks>
public sealed record ManifestFile
{
    public required string Path { get; init; }
    /// <summary>Lowercase hex SHA-256 of the file's bytes.</summary>
    public string? Sha256 { get; init; }
    public long? SizeBytes { get; init; }

    /// <summary>
    /// What is wrong with <paramref name="path"/> as a file of a variant's folder, or null when nothing is: it must be
    /// relative, with '/' between names and no empty, '.' or '..' name, so it can never name a file outside the folder.
    /// </summary>
    public static string? PathProblem(string path) =>
        System.IO.Path.IsPathRooted(path) || path.Contains('\\') || path.Split('/').Any(name => name is "" or "." or "..")
            ? $"file path \"{path}\" must be relative, with '/' between names and no '.' or '..'"
            : null;
}
