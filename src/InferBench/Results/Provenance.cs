using System.Text.Json.Serialization;

namespace InferBench.Results;

/// <summary>How far a figure can be trusted: where it came from (docs/cost-model.md, "The pricing catalog").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Provenance>))]
public enum Provenance
{
    /// <summary>Read on the first-party page its source names, on its date.</summary>
    [JsonStringEnumMemberName("verified")] Verified,
    /// <summary>From memory or a third-party aggregator, not checked against a first-party page.</summary>
    [JsonStringEnumMemberName("recalled")] Recalled,
    /// <summary>Given by the user on the command line.</summary>
    [JsonStringEnumMemberName("given")] Given,
    /// <summary>InferBench's default for a modelling choice the user did not make.</summary>
    [JsonStringEnumMemberName("default")] Default,
}
