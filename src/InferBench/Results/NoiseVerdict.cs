using System.Text.Json.Serialization;

namespace InferBench.Results;

/// <summary>Whether a difference between two sets of measured repetitions (two runs, or two rounds of one run) is larger than their noise.</summary>
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
    /// <summary>A side has fewer than 3 usable measured repetitions, too few for a verdict.</summary>
    [JsonStringEnumMemberName("too-few-repetitions")] TooFewRepetitions,
}
