namespace InferBench.Engines;

/// <summary>One workload of a plan: a batch of sequences, each a prompt of <see cref="PromptTokens"/> then <see cref="GenTokens"/> generated tokens.</summary>
public sealed record PlanPoint(int BatchSize, int PromptTokens, int GenTokens)
{
    public int TotalTokensPerSequence => PromptTokens + GenTokens;

    public override string ToString() => $"batch {BatchSize}, prompt {PromptTokens}, gen {GenTokens}";
}
