using InferBench.Results;

namespace InferBench.Runner;

/// <summary>One model variant to benchmark, wherever it came from (manifest or --model-path).</summary>
/// <param name="ExecutionProviders">The providers the variant is built for; empty when unknown.</param>
/// <param name="UnavailableReason">Set when the variant cannot be attempted at all (for example not present locally).</param>
/// <param name="Prepare">Makes <paramref name="FolderPath"/> ready before loading (builds a synthetic or derived model on first use), stopping
/// with <see cref="OperationCanceledException"/> when the token fires; null when there is nothing to do. It returns what the rows
/// should say about it (such as a derived folder rebuilt because its source changed), or null.</param>
/// <param name="ExecutionProvider">The provider the sweep runs it on, once resolved (see <see cref="ExecutionProviderChoice"/>); null before.</param>
/// <param name="Note">What each of its measured rows says about the variant (such as the quantization rungs its model lacks), or null.</param>
public sealed record BenchmarkTarget(
    string Model,
    string Variant,
    string Precision,
    IReadOnlyList<ExecutionProvider> ExecutionProviders,
    string FolderPath,
    string? UnavailableReason = null,
    Func<CancellationToken, string?>? Prepare = null,
    ExecutionProvider? ExecutionProvider = null,
    string? Note = null);
