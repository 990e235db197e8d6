using System.Collections.Concurrent;
using InferBench.Fetch;

namespace InferBench.Tests.Support;

internal sealed class RecordingFetchProgress : IFetchProgress
{
    public ConcurrentQueue<string> Events { get; } = new();

    public void FileStarted(string path, long? totalBytes, long resumedAtBytes) => Events.Enqueue($"start {path} {totalBytes} {resumedAtBytes}");
    public void BytesWritten(string path, long bytes) { }
    public void Retrying(string path, int nextAttempt, string reason) => Events.Enqueue($"retry {path} {nextAttempt} {reason}");
    public void FileVerified(string path) => Events.Enqueue($"verified {path}");
}
