using InferBench.Results;
using InferBench.Statistics;

namespace InferBench.Fidelity;

/// <summary>Quality on text of a model's reference variant and each variant compared with it, on the same scored tokens.</summary>
/// <param name="Reference">The reference variant against itself: its perplexity ± standard error, a ratio of exactly 1 and ln ratio 0 ± 0.</param>
/// <param name="ScoredTokens">Tokens whose likelihood was scored (the perplexity and every comparison rest on them).</param>
/// <param name="TextTokens">Tokens the model's tokenizer made of the text read (at most what the scored tokens needed).</param>
/// <param name="WindowTokens">Tokens per window (llama.cpp: per chunk), as run (see <see cref="PerplexityWindow"/>).</param>
/// <param name="StrideTokens">Tokens between window starts, as run.</param>
/// <param name="Variants">One per variant folder asked for, in order.</param>
/// <param name="Method">How the text was scored: <see cref="QualityMethod.Text"/> or <see cref="QualityMethod.LlamaCpp"/>.</param>
/// <param name="BosTokenId">llama.cpp's method: the token put at each chunk's start, as the tokenizer begins text with it; null where it adds none, and for the text method.</param>
public sealed record TextQualityResult(
    PerplexityComparison Reference,
    int ScoredTokens,
    int TextTokens,
    int WindowTokens,
    int StrideTokens,
    IReadOnlyList<TextVariantQuality> Variants,
    QualityMethod Method = QualityMethod.Text,
    int? BosTokenId = null);
