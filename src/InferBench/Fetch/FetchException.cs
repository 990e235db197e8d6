namespace InferBench.Fetch;

/// <summary>A download that could not finish; the message says what happened and what to do about it.</summary>
public sealed class FetchException(string message) : Exception(message);
