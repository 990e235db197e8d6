using System.Text.Json.Serialization;

namespace InferBench.Results;

/// <summary>
/// A row's quality: how it was measured, its perplexity on the evaluation text (<see cref="RunResult.EvaluationText"/>),
/// or why it could not be measured. The drift from the reference (KL, top-1) is <see cref="ScenarioResult.Fidelity"/>,
/// measured on the same tokens.
/// </summary>
/// <param name="Perplexity">exp(mean negative log-likelihood per scored token) of this variant; null for random tokens and where unavailable.</param>
/// <param name="Reference">The reference variant's id (the model's highest-precision rung), itself included.</param>
/// <param name="ReferencePerplexity">The reference's perplexity on the same tokens.</param>
/// <param name="ScoredTokens">Tokens the perplexity rests on.</param>
/// <param name="WindowTokens">Tokens per window, as run.</param>
/// <param name="StrideTokens">Tokens between window starts, as run.</param>
/// <param name="UnavailableReason">Why quality on text could not be measured ("quality unavailable: ..."); the speed figures stand.</param>
public sealed record ScenarioQuality(
    QualityMethod Method,
    double? Perplexity = null,
    string? Reference = null,
    double? ReferencePerplexity = null,
    int? ScoredTokens = null,
    int? WindowTokens = null,
    int? StrideTokens = null,
    string? UnavailableReason = null)
{
    /// <summary>(perplexity / the reference's − 1) × 100, in percent: how much the rung raises perplexity; 0 for the reference.</summary>
    [JsonIgnore]
    public double? PerplexityChangePercent => Perplexity is { } mine && ReferencePerplexity is { } reference ? (mine / reference - 1) * 100 : null;
}
