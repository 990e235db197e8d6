using System.Text.Json.Serialization;
using InferBench.Cost.Units;

namespace InferBench.Cost.Catalog;

/// <summary>A grid's carbon intensity.</summary>
public sealed record GridCarbonEntry : CatalogEntry
{
    [JsonPropertyName("gramsCo2PerKwh")] public required GramsCo2PerKilowattHour Intensity { get; init; }
}
