namespace InferBench.Fetch;

/// <summary>One file of a finished fetch, as it was written to disk.</summary>
/// <param name="Sha256">Lowercase hex SHA-256 of the bytes on disk, computed by the fetch (whether or not the manifest knew it).</param>
public sealed record FetchedFile(string Path, long SizeBytes, string Sha256);
