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
/// <param name="WindowTokens">Tokens per window, as run (llama.cpp: per chunk, its context).</param>
/// <param name="StrideTokens">Tokens between window starts, as run (llama.cpp: the chunk, as chunks do not overlap).</param>
/// <param name="UnavailableReason">Why quality on text could not be measured ("quality unavailable: ..."); the speed figures stand.</param>
/// <param name="PerplexityStandardError">Standard error of <paramref name="Perplexity"/>: perplexity × SE(mean NLL), llama.cpp's "PPL ± x".</param>
/// <param name="ReferencePerplexityStandardError">The same for the reference on the same tokens.</param>
/// <param name="LnPerplexityRatio">ln(PPL / PPL(reference)) = mean NLL − the reference's mean NLL on the same tokens, in nats; 0 for the reference.</param>
/// <param name="LnPerplexityRatioStandardError">Its standard error with the two models' correlation taken out: sqrt(SE² + SE_ref² − 2 cov), llama.cpp's.</param>
/// <param name="PerplexityRatio">PPL / PPL(reference) = exp(<paramref name="LnPerplexityRatio"/>); 1 for the reference.</param>
/// <param name="PerplexityRatioStandardError">ratio × <paramref name="LnPerplexityRatioStandardError"/>.</param>
/// <param name="LnPerplexityCorrelation">Correlation of the two models' per-token NLL means, llama.cpp's "Cor(ln(PPL(Q)), ln(PPL(base)))", −1 to 1.</param>
/// <param name="BosTokenId">
/// <see cref="QualityMethod.LlamaCpp"/>: the token put at each chunk's start because the model's tokenizer begins text
/// with it (genai_config.json's bos_token_id); null where the tokenizer adds none, and for the other methods.
/// </param>
public sealed record ScenarioQuality(
    QualityMethod Method,
    double? Perplexity = null,
    string? Reference = null,
    double? ReferencePerplexity = null,
    int? ScoredTokens = null,
    int? WindowTokens = null,
    int? StrideTokens = null,
    string? UnavailableReason = null,
    double? PerplexityStandardError = null,
    double? ReferencePerplexityStandardError = null,
    double? LnPerplexityRatio = null,
    double? LnPerplexityRatioStandardError = null,
    double? PerplexityRatio = null,
    double? PerplexityRatioStandardError = null,
    double? LnPerplexityCorrelation = null,
    int? BosTokenId = null)
{
    /// <summary>(perplexity / the reference's − 1) × 100, in percent: how much the rung raises perplexity; 0 for the reference.</summary>
    [JsonIgnore]
    public double? PerplexityChangePercent => Perplexity is { } mine && ReferencePerplexity is { } reference ? (mine / reference - 1) * 100 : null;
}
