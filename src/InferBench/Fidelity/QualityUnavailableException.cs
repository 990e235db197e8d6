namespace InferBench.Fidelity;

/// <summary>Quality on text cannot be measured for this model (no tokenizer, ids outside its vocabulary, no text): the speed rows stand, with the reason.</summary>
public sealed class QualityUnavailableException(string message) : Exception(message);
