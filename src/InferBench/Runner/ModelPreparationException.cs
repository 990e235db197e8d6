namespace InferBench.Runner;

/// <summary>A target's <see cref="BenchmarkTarget.Prepare"/> step could not make its model folder: the row fails with this message.</summary>
public sealed class ModelPreparationException(string message, Exception? inner = null) : Exception(message, inner);
