namespace InferBench.Fidelity;

/// <summary>The two models cannot be compared (different vocabularies, too short a context) or one gave unusable logits.</summary>
public sealed class FidelityException(string message) : Exception(message);
