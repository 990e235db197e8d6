using System.Text.Json.Serialization;
using InferBench.Cost.Units;

namespace InferBench.Cost.Catalog;

/// <summary>A hosted model's API price per million input (prompt) and output (generated) tokens.</summary>
public sealed record ApiEntry : CatalogEntry
{
    [JsonPropertyName("usdPer1MInputTokens")] public required UsdPerMillionTokens Input { get; init; }
    [JsonPropertyName("usdPer1MOutputTokens")] public required UsdPerMillionTokens Output { get; init; }

    public ApiPrice Price => new(Input, Output);
}
