namespace InferBench.Runner;

/// <summary>A run's files could not be saved (a full disk, a folder removed under the run): the run stops there.</summary>
public sealed class RunSaveException(string folder, Exception inner)
    : Exception($"saving the results in {folder} failed: {inner.Message}", inner);
