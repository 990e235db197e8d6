namespace InferBench.Cost.Sheets;

/// <summary>The cost figures of one measured row of a run.</summary>
public sealed record CostRow(string Model, string Variant, int BatchSize, int PromptTokens, int GenTokens, IReadOnlyList<FigureGroup> Groups)
{
    public string Title => $"{Model} / {Variant}, batch {BatchSize}, prompt {PromptTokens}, gen {GenTokens}";
}
