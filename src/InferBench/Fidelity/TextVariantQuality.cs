using InferBench.Statistics;

namespace InferBench.Fidelity;

/// <summary>One variant on the reference's scored tokens: its perplexity and its drift from the reference; or why it could not be measured.</summary>
/// <param name="Likelihood">Its perplexity beside the reference's on the same tokens, their ratio and standard errors.</param>
/// <param name="Fidelity">KL, top-1, greedy log-prob change and Δp against the reference, position by position (<see cref="FidelityResult"/>).</param>
public sealed record TextVariantQuality(string Folder, PerplexityComparison? Likelihood, FidelityResult? Fidelity, string? Failure);
