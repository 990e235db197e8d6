namespace InferBench.Cost.Units;

/// <summary>How many input (prompt) tokens come with each output (generated) token in the workload.</summary>
public readonly record struct TokenMix(double InputTokensPerOutputToken);
