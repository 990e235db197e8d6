namespace InferBench.Results;

/// <summary>The plan as it was run, recorded so a result can be reproduced.</summary>
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
    IReadOnlyList<ProviderOption>? ProviderOptions = null);
