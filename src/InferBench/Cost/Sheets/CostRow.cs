using InferBench.Results;

namespace InferBench.Cost.Sheets;

/// <summary>The cost figures of one measured row of a run: a static-batch row (batch, prompt and gen tokens) or a serving point (<paramref name="Load"/>).</summary>
public sealed record CostRow(string Model, string Variant, int? BatchSize, int? PromptTokens, int? GenTokens, IReadOnlyList<FigureGroup> Groups,
    ServingLoad? Load = null)
{
    public string Title => Load is { } load
        ? $"{Model} / {Variant}, serving at {load}"
        : $"{Model} / {Variant}, batch {BatchSize}, prompt {PromptTokens}, gen {GenTokens}";
}
