using InferBench.Results;

namespace InferBench.Reports.Columns;

/// <summary>The columns that say which measurement a row is: the first seven of results.csv, report tables and compare.</summary>
public static class ScenarioColumns
{
    public static Column<ScenarioKey> Model { get; } = new("model", "Model", "text", false, "Model name", key => Cell.Of(key.Model));

    public static Column<ScenarioKey> Variant { get; } =
        new("variant", "Variant", "text", false, "Model variant (a folder of ONNX Runtime GenAI files)", key => Cell.Of(key.Variant));

    public static Column<ScenarioKey> Precision { get; } =
        new("precision", "Precision", "text", false, "Weight precision of the variant", key => Cell.Of(key.Precision));

    public static Column<ScenarioKey> ExecutionProvider { get; } =
        new("ep", "EP", "text", false, "Execution provider the variant ran on (or was tried on)", key => Cell.Of(key.ExecutionProvider));

    public static Column<ScenarioKey> BatchSize { get; } = new("batch", "Batch", "sequences", true, "Batch size", key => Cell.Of(key.BatchSize));

    public static Column<ScenarioKey> PromptTokens { get; } =
        new("prompt_tokens", "Prompt", "tokens", true, "Prompt length per sequence", key => Cell.Of(key.PromptTokens));

    public static Column<ScenarioKey> GenTokens { get; } =
        new("gen_tokens", "Gen", "tokens", true, "Tokens generated per sequence, the first one included", key => Cell.Of(key.GenTokens));

    public static IReadOnlyList<Column<ScenarioKey>> All { get; } = [Model, Variant, Precision, ExecutionProvider, BatchSize, PromptTokens, GenTokens];
}
