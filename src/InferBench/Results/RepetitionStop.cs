using System.Text.Json.Serialization;

namespace InferBench.Results;

/// <summary>How many measured repetitions a point ran, why it stopped, and how precise its decode tokens/s mean is.</summary>
/// <param name="MeasuredRepetitions">Measured repetitions run (count; warmup excluded).</param>
/// <param name="DecodeHalfWidthPercent">Half-width of the stopping rule's 95% interval of the mean decode tokens/s, in
/// percent of the mean (the interval widened for autocorrelation; see docs/methods.md "How many repetitions"); null below 2 repetitions.</param>
/// <param name="DecodeLag1Autocorrelation">The lag-1 autocorrelation of the decode tokens/s values that interval assumes
/// (an upper estimate, 0 to 0.9); null below 3 repetitions.</param>
/// <param name="TargetHalfWidthPercent">The <c>--reps auto</c> target in percent of the mean; null for a fixed <c>--reps N</c>.</param>
public sealed record RepetitionStop(
    RepetitionStopReason Reason,
    int MeasuredRepetitions,
    double? DecodeHalfWidthPercent,
    double? DecodeLag1Autocorrelation,
    double? TargetHalfWidthPercent)
{
    /// <summary>True when a <c>--reps auto</c> target was set and the point stopped without reaching it.</summary>
    [JsonIgnore]
    public bool TargetMissed => TargetHalfWidthPercent is not null && Reason != RepetitionStopReason.Precise;
}
