namespace InferBench.Fetch;

/// <summary>How patient a fetch is with a slow or flaky connection.</summary>
/// <param name="IdleTimeout">Longest wait for a connection, for response headers, or between two reads of the body.</param>
/// <param name="AttemptsPerFile">Tries per file, each resuming from the bytes already on disk; at least 1.</param>
/// <param name="RetryDelay">Pause before the next try.</param>
public sealed record FetchOptions(TimeSpan IdleTimeout, int AttemptsPerFile, TimeSpan RetryDelay)
{
    public static FetchOptions Default { get; } = new(TimeSpan.FromSeconds(60), 5, TimeSpan.FromSeconds(2));
}
