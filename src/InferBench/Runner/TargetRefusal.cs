using InferBench.Results;

namespace InferBench.Runner;

/// <summary>Why a target was not loaded, for its rows: their status and reason.</summary>
/// <param name="ExecutionProvider">The provider its rows record when it is not the one asked for (a provider InferBench has no name of its own for); null: the one asked for.</param>
internal sealed record TargetRefusal(ResultStatus Status, string Reason, string? ExecutionProvider = null);
