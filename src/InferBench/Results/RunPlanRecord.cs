namespace InferBench.Results;

/// <summary>The plan as it was run, recorded so a result can be reproduced.</summary>
/// <param name="MeasuredRepetitions">Measured repetitions per point; with <paramref name="AutoRepetitions"/>, the fewest a point runs.</param>
/// <param name="AutoRepetitions"><c>--reps auto</c>'s target and caps; null for a fixed <c>--reps N</c>.</param>
/// <param name="Rounds">How many times the sweep ran; even rounds run the variants in reverse order, so drift shows (1 in files without it).</param>
/// <param name="SteadyState">The GPU warmup of NVML runs; null: none.</param>
/// <param name="AutoBatch">The batch-doubling sweep (<c>--batch auto</c>, or the default plan's on CUDA); null: only <paramref name="BatchSizes"/>.</param>
/// <param name="LatencyTargets">The latency targets (<c>--slo</c>) each measured row is judged against; null or empty: none.</param>
/// <param name="QualityTokens">Quality on text: the most tokens of the evaluation text scored per variant (--quality-tokens; llama.cpp's method: the fewest, rounded up to whole chunks); null in files without it.</param>
/// <param name="QualityText">--quality-text: the file quality on text was measured on instead of WikiText-2; null: the default text.</param>
/// <param name="Serving">A serving run's load plan; null for a static-batch run (added in version 3).</param>
/// <param name="QualityMethod">--quality-method: how models with a tokenizer are scored on text (text or llama.cpp); null: text, the default (files without it).</param>
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
    int Rounds = 1,
    AutoRepetitions? AutoRepetitions = null,
    SteadyStatePlan? SteadyState = null,
    AutoBatch? AutoBatch = null,
    IReadOnlyList<LatencyTarget>? LatencyTargets = null,
    int? QualityTokens = null,
    string? QualityText = null,
    ServingPlanRecord? Serving = null,
    QualityMethod? QualityMethod = null);
