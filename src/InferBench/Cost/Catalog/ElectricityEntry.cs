using System.Text.Json.Serialization;
using InferBench.Cost.Units;

namespace InferBench.Cost.Catalog;

/// <summary>An electricity price.</summary>
public sealed record ElectricityEntry : CatalogEntry
{
    [JsonPropertyName("usdPerKwh")] public required UsdPerKilowattHour Price { get; init; }
}
