using System.Text.Json.Serialization;

namespace InferBench.Cost;

/// <summary>An electricity price.</summary>
public sealed record ElectricityEntry : CatalogEntry
{
    [JsonPropertyName("usdPerKwh")] public required UsdPerKilowattHour Price { get; init; }
}
