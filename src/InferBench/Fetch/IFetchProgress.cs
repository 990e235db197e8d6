namespace InferBench.Fetch;

/// <summary>What a fetch reports while it downloads, for a progress bar or a log.</summary>
public interface IFetchProgress
{
    /// <param name="totalBytes">The file's size when the server or the manifest says it; null otherwise.</param>
    /// <param name="resumedAtBytes">Bytes already on disk from an earlier, interrupted download.</param>
    void FileStarted(string path, long? totalBytes, long resumedAtBytes);

    void BytesWritten(string path, long bytes);

    /// <summary>The attempt failed in a way another may get past; the next one resumes from what is on disk.</summary>
    void Retrying(string path, int nextAttempt, string reason);

    void FileVerified(string path);
}
