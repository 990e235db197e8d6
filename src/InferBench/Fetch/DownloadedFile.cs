namespace InferBench.Fetch;

/// <summary>A finished download: its length, and the SHA-256 the Hub lists for the file (an LFS file's X-Linked-Etag); null where it lists none.</summary>
internal readonly record struct DownloadedFile(long Length, string? ListedSha256);
