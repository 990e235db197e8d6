using InferBench.Results;

namespace InferBench.Statistics;

/// <summary>
/// Decides, after each measured repetition of a point, whether <c>--reps auto</c> stops: precise first (the
/// <see cref="RepetitionStopRule"/>), then the repetition cap, then the time cap, which stops when one more repetition
/// of the average length so far would end past it. Never before <see cref="MinimumRepetitions"/>, which the reports'
/// spread and the autocorrelation estimate need, even when they overrun the time cap.
/// </summary>
public sealed class AutoRepetitionStopper(AutoRepetitions plan)
{
    /// <summary>The fewest measured repetitions <c>--reps auto</c> runs.</summary>
    public const int MinimumRepetitions = 3;

    private readonly RepetitionStopRule _rule = new(plan.TargetHalfWidthPercent / 100);

    /// <param name="decodeTokensPerSecond">The point's decode tokens/s so far, one per measured repetition, in order.</param>
    /// <param name="measuredSeconds">Wall-clock seconds since the first measured repetition started.</param>
    /// <returns>Why to stop now; null to run another repetition.</returns>
    public RepetitionStopReason? Decide(IReadOnlyList<double> decodeTokensPerSecond, double measuredSeconds)
    {
        var count = decodeTokensPerSecond.Count;
        if (count < MinimumRepetitions)
            return null;
        if (_rule.IsPrecise(RepetitionStopRule.Of(decodeTokensPerSecond)))
            return RepetitionStopReason.Precise;
        if (count >= plan.MaxRepetitions)
            return RepetitionStopReason.MaxReps;
        if (measuredSeconds + measuredSeconds / count > plan.MaxSecondsPerPoint)
            return RepetitionStopReason.TimeCap;
        return null;
    }

    /// <summary>The stop record of a point that ran <paramref name="decodeTokensPerSecond"/> and stopped for <paramref name="reason"/>.</summary>
    /// <param name="targetHalfWidthPercent">The <c>--reps auto</c> target; null for a fixed <c>--reps N</c>.</param>
    public static RepetitionStop Record(RepetitionStopReason reason, IReadOnlyList<double> decodeTokensPerSecond, double? targetHalfWidthPercent)
    {
        var precision = RepetitionStopRule.Of(decodeTokensPerSecond);
        return new RepetitionStop(
            reason,
            precision.Count,
            double.IsFinite(precision.RelativeHalfWidth) ? precision.RelativeHalfWidth * 100 : null,
            double.IsFinite(precision.Lag1Autocorrelation) ? precision.Lag1Autocorrelation : null,
            targetHalfWidthPercent);
    }
}
