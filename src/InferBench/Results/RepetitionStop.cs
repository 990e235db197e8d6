using System.Text.Json.Serialization;

namespace InferBench.Results;

/// <summary>How many measured repetitions a point ran, why it stopped, and how precise its decode tokens/s median is.</summary>
/// <param name="MeasuredRepetitions">Measured repetitions run (count; warmup excluded).</param>
/// <param name="DecodeHalfWidthPercent">The larger side of the stopping rule's 95% interval of the median decode tokens/s,
/// in percent of the median (distribution-free, its ranks set for autocorrelation; see docs/methods.md "How many
/// repetitions"); null when too few repetitions for any such interval (under 6 independent ones).</param>
/// <param name="DecodeLag1Autocorrelation">The lag-1 autocorrelation of the decode tokens/s values that interval assumes
/// (an upper estimate, 0 to 0.9); null below 3 repetitions.</param>
/// <param name="TargetHalfWidthPercent">The <c>--reps auto</c> target in percent of the median; null for a fixed <c>--reps N</c>.</param>
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
