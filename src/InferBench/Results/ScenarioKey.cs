namespace InferBench.Results;

/// <summary>What makes rows of different runs the same measurement: model, variant, precision, EP and plan point.</summary>
public sealed record ScenarioKey(string Model, string Variant, string Precision, string ExecutionProvider, int BatchSize, int PromptTokens, int GenTokens)
{
    public static ScenarioKey Of(ScenarioResult row) =>
        new(row.Model, row.Variant, row.Precision, row.ExecutionProvider, row.BatchSize, row.PromptTokens, row.GenTokens);
}
