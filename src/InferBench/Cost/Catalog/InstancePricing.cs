using System.Text.Json.Serialization;

namespace InferBench.Cost.Catalog;

/// <summary>How a GPU instance's hourly price is offered.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InstancePricing>))]
public enum InstancePricing
{
    [JsonStringEnumMemberName("on-demand")] OnDemand,
    /// <summary>Spare capacity at a discount; the provider may reclaim it.</summary>
    [JsonStringEnumMemberName("spot")] Spot,
    /// <summary>Billed per second of worker time; scales to zero.</summary>
    [JsonStringEnumMemberName("serverless")] Serverless,
    /// <summary>A marketplace of third-party hosts; prices move daily.</summary>
    [JsonStringEnumMemberName("marketplace")] Marketplace,
    /// <summary>Bought with a term commitment.</summary>
    [JsonStringEnumMemberName("reserved")] Reserved,
}
