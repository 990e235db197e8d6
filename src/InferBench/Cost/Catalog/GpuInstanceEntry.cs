using System.Text.Json.Serialization;
using InferBench.Cost.Citations;
using InferBench.Cost.Units;

namespace InferBench.Cost.Catalog;

/// <summary>The hourly price of a cloud GPU instance (all its GPUs) or of one GPU on a GPU cloud.</summary>
public sealed record GpuInstanceEntry : CatalogEntry
{
    public required InstancePricing Pricing { get; init; }
    [JsonPropertyName("usdPerHour")] public required UsdPerHour Price { get; init; }

    /// <summary>The price with the entry's citation, as run.json and the cost sheets record it.</summary>
    [JsonIgnore] public Cited<UsdPerHour> CitedPrice => new(Price, Citation);
    /// <summary>The GPUs the price buys, where the entry says (forecasts price a GPU model through it).</summary>
    public InstanceGpus? Gpu { get; init; }
}
