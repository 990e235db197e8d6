using InferBench.Results;

namespace InferBench.Statistics;

/// <summary>Differences between sweep rounds (<see cref="RoundDrift"/>) of decode tokens/s and TTFT, from a run's rows.</summary>
public static class RoundDriftCalculator
{
    /// <summary>
    /// Each ok row of a round after the first against the ok row of round 1 with the same model, variant, precision,
    /// provider and plan point, for both metrics; null when the plan has one round. Points measured in only one round
    /// have no difference.
    /// </summary>
    public static RoundDrift? Of(IReadOnlyList<ScenarioResult> rows, int rounds)
    {
        if (rounds < 2)
            return null;
        var measured = rows.Where(row => row.Status == ResultStatus.Ok && row.Repetitions.Any(r => r.Phase == RepetitionPhase.Measured)).ToArray();
        var firstRound = measured.Where(row => row.Round == 1).DistinctBy(Point).ToDictionary(Point);
        var differences = (
            from row in measured
            where row.Round > 1 && firstRound.ContainsKey(Point(row))
            from metric in RepetitionMetric.All
            select Difference(firstRound[Point(row)], row, metric)).ToArray();
        return new RoundDrift(RepetitionChange.Method, RepetitionChange.Confidence,
            differences.Any(difference => difference.Verdict == NoiseVerdict.LargerThanNoise), differences);
    }

    private static RoundDifference Difference(ScenarioResult baseline, ScenarioResult row, RepetitionMetric metric)
    {
        var change = RepetitionChange.Of(metric.SamplesOf(baseline), metric.SamplesOf(row));
        return new RoundDifference(row.Model, row.Variant, row.Precision, row.ExecutionProvider, row.BatchSize, row.PromptTokens, row.GenTokens,
            metric.Key, row.Round, change.BaselineGeometricMean, change.OtherGeometricMean, change.BaselineRepetitions, change.OtherRepetitions,
            change.Change, change.ChangeCi95Low, change.ChangeCi95High, change.Verdict);
    }

    private static (string, string, string, string, int, int, int) Point(ScenarioResult row) =>
        (row.Model, row.Variant, row.Precision, row.ExecutionProvider, row.BatchSize, row.PromptTokens, row.GenTokens);
}
