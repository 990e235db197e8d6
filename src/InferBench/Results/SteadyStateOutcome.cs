using System.Text.Json.Serialization;

namespace InferBench.Results;

/// <summary>Why the steady-state warmup of a point stopped.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SteadyStateOutcome>))]
public enum SteadyStateOutcome
{
    /// <summary>Power and temperature slopes were under their thresholds over the window.</summary>
    [JsonStringEnumMemberName("settled")] Settled,
    /// <summary>The time cap ran out first: the point was measured on a GPU that was still warming up.</summary>
    [JsonStringEnumMemberName("time-cap")] TimeCap,
    /// <summary>Power or temperature could not be read, so settling could not be judged.</summary>
    [JsonStringEnumMemberName("unreadable")] Unreadable,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}
