using InferBench.Fetch;
using InferBench.Fidelity;

namespace InferBench.Runner;

/// <summary>Whether and on what text a run measures quality: a part of <see cref="RunConfiguration"/>.</summary>
/// <param name="Measured">Whether each model's quality (perplexity on text, drift from its reference variant) is measured after the sweep.</param>
/// <param name="Text">The evaluation text the plan names (<see cref="Results.RunPlanRecord.QualityText"/>), already read; null: WikiText-2 from <paramref name="TextCache"/>.</param>
/// <param name="TextCache">Where a fetched evaluation text is looked for; null: the fetch cache of the environment (<see cref="FetchCache.FromEnvironment"/>).</param>
public sealed record RunQualitySettings(bool Measured, EvaluationText? Text, FetchCache? TextCache);
