using System.Text.Json.Serialization;

namespace InferBench.Reports.Compare;

[JsonConverter(typeof(JsonStringEnumConverter<NoiseVerdict>))]
public enum NoiseVerdict
{
    /// <summary>
    /// The 95% interval of the change includes 0: no change outside the interval is likely, but the runs need not be
    /// alike; with few repetitions the interval is wide.
    /// </summary>
    [JsonStringEnumMemberName("within-noise")] WithinNoise,
    /// <summary>The 95% interval of the change excludes 0: identical runs get this in at most 5% of comparisons.</summary>
    [JsonStringEnumMemberName("larger-than-noise")] LargerThanNoise,
    /// <summary>A side has fewer than <see cref="RunComparison.MinRepetitions"/> usable measured repetitions.</summary>
    [JsonStringEnumMemberName("too-few-repetitions")] TooFewRepetitions,
}
