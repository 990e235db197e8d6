namespace InferBench.Results;

/// <summary>The plan as it was run, recorded so a result can be reproduced.</summary>
/// <param name="SteadyState">The GPU warmup of NVML runs; null: none.</param>
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
    SteadyStatePlan? SteadyState = null);
