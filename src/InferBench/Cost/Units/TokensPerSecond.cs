namespace InferBench.Cost.Units;

/// <summary>A throughput, in tokens per second, summed over the batch.</summary>
public readonly record struct TokensPerSecond(double Value);
