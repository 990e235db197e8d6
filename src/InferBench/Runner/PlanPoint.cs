namespace InferBench.Runner;

public sealed record PlanPoint(int BatchSize, int PromptTokens, int GenTokens)
{
    public int TotalTokensPerSequence => PromptTokens + GenTokens;

    public override string ToString() => $"batch {BatchSize}, prompt {PromptTokens}, gen {GenTokens}";
}
