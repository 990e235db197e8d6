namespace InferBench.Fidelity;

/// <summary>Quality on text of a model's reference variant and each variant compared with it, on the same scored tokens.</summary>
/// <param name="ReferencePerplexity">exp(mean negative log-likelihood of the scored tokens) of the reference variant.</param>
/// <param name="ScoredTokens">Tokens whose likelihood was scored (the perplexity and every comparison rest on them).</param>
/// <param name="TextTokens">Tokens the model's tokenizer made of the text read (at most what the scored tokens needed).</param>
/// <param name="WindowTokens">Tokens per window, as run (see <see cref="PerplexityWindow"/>).</param>
/// <param name="StrideTokens">Tokens between window starts, as run.</param>
/// <param name="Variants">One per variant folder asked for, in order.</param>
public sealed record TextQualityResult(
    double ReferencePerplexity,
    int ScoredTokens,
    int TextTokens,
    int WindowTokens,
    int StrideTokens,
    IReadOnlyList<TextVariantQuality> Variants);

/// <summary>One variant on the reference's scored tokens: its perplexity and its drift from the reference; or why it could not be measured.</summary>
/// <param name="Fidelity">KL, top-1 and greedy log-prob change against the reference, position by position (<see cref="FidelityResult"/>).</param>
public sealed record TextVariantQuality(string Folder, double? Perplexity, FidelityResult? Fidelity, string? Failure);
