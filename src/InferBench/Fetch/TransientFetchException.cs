namespace InferBench.Fetch;

/// <summary>A failure another attempt may get past (a broken or stalled connection, a 5xx); never leaves the fetch.</summary>
internal sealed class TransientFetchException(string message) : Exception(message);
