namespace InferBench.Results;

/// <summary>The plan as it was run, recorded so a result can be reproduced.</summary>
/// <param name="Rounds">How many times the sweep ran; even rounds run the variants in reverse order, so drift shows (1 in files without it).</param>
public sealed record RunPlanRecord(
    IReadOnlyList<int> PromptTokens,
    IReadOnlyList<int> GenTokens,
    IReadOnlyList<int> BatchSizes,
    int WarmupRepetitions,
    int MeasuredRepetitions,
    int? IntraOpThreads,
    int Seed,
    ExecutionProvider ExecutionProvider,
    string? PromptText,
    IReadOnlyList<ProviderOption>? ProviderOptions = null,
    int Rounds = 1);
