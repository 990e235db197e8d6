namespace InferBench.Statistics;

/// <summary>
/// A model's perplexity on scored tokens set beside a reference's on the same tokens, as llama.cpp's
/// <c>llama-perplexity --kl-divergence</c> reports it (<see cref="TokenStatistics.ComparePerplexity"/>).
/// </summary>
/// <param name="Perplexity">exp(mean negative log-likelihood per token).</param>
/// <param name="PerplexityStandardError">Perplexity × SE(mean NLL).</param>
/// <param name="ReferencePerplexity">The reference's, on the same tokens.</param>
/// <param name="ReferencePerplexityStandardError">The reference's perplexity × SE(its mean NLL).</param>
/// <param name="LnRatio">ln(PPL / PPL(reference)) = mean NLL − the reference's mean NLL, in nats.</param>
/// <param name="LnRatioStandardError">Its standard error, the two models' covariance taken out.</param>
/// <param name="Ratio">PPL / PPL(reference) = exp(<paramref name="LnRatio"/>).</param>
/// <param name="RatioStandardError">Ratio × <paramref name="LnRatioStandardError"/>.</param>
/// <param name="Correlation">Correlation of the two mean NLLs, −1 to 1; null where either standard error is 0 (10 tokens or fewer, as in llama.cpp, or constant NLLs).</param>
public sealed record PerplexityComparison(
    double Perplexity,
    double PerplexityStandardError,
    double ReferencePerplexity,
    double ReferencePerplexityStandardError,
    double LnRatio,
    double LnRatioStandardError,
    double Ratio,
    double RatioStandardError,
    double? Correlation);
