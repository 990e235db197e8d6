using System.Text.Json.Serialization;

namespace InferBench.Cost;

/// <summary>A grid's carbon intensity.</summary>
public sealed record GridCarbonEntry : CatalogEntry
{
    [JsonPropertyName("gramsCo2PerKwh")] public required GramsCo2PerKilowattHour Intensity { get; init; }
}
