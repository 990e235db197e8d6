using System.Text.Json.Serialization;

namespace InferBench.Reports.Compare;

[JsonConverter(typeof(JsonStringEnumConverter<NoiseVerdict>))]
public enum NoiseVerdict
{
    /// <summary>The 95% interval of the change includes 0: the runs may not differ at all.</summary>
    [JsonStringEnumMemberName("within-noise")] WithinNoise,
    /// <summary>The 95% interval of the change excludes 0.</summary>
    [JsonStringEnumMemberName("larger-than-noise")] LargerThanNoise,
    /// <summary>A side has fewer than <see cref="RunComparison.MinRepetitions"/> measured repetitions: too few to tell noise from a difference.</summary>
    [JsonStringEnumMemberName("too-few-repetitions")] TooFewRepetitions,
}
