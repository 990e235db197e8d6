using InferBench.Results;

namespace InferBench.Statistics;

/// <summary>Differences between sweep rounds (<see cref="RoundDrift"/>) of decode tokens/s and TTFT, from a run's rows.</summary>
public static class RoundDriftCalculator
{
    /// <summary>
    /// Each ok row of a round after the first against the ok row of round 1 with the same model, variant, precision,
    /// provider and plan point, for both metrics; null when the plan has one round. Points measured in only one round
    /// have no difference. Each difference gets a 95% interval; the run is flagged only when a difference lies outside
    /// its Bonferroni interval (level 1 - 0.05 / the number of differences with an interval), so that a run without
    /// drift is flagged in at most 5% of runs however many points it has, not in 1 - 0.95^m of them.
    /// </summary>
    public static RoundDrift? Of(IReadOnlyList<ScenarioResult> rows, int rounds)
    {
        if (rounds < 2)
            return null;
        var measured = rows.Where(row => row.Status == ResultStatus.Ok && row.Repetitions.Any(r => r.Phase == RepetitionPhase.Measured)).ToArray();
        var firstRound = measured.Where(row => row.Round == 1).DistinctBy(ScenarioKey.Of).ToDictionary(ScenarioKey.Of);
        var pairs = (
            from row in measured
            where row.Round > 1 && firstRound.ContainsKey(ScenarioKey.Of(row))
            from metric in RepetitionMetric.All
            select (Baseline: metric.SamplesOf(firstRound[ScenarioKey.Of(row)]), Round: metric.SamplesOf(row), Row: row, Metric: metric)).ToArray();
        var changes = pairs.Select(pair => RepetitionChange.Of(pair.Baseline, pair.Round)).ToArray();
        var runConfidence = 1 - (1 - RepetitionChange.Confidence) / Math.Max(1, changes.Count(change => change.Verdict != NoiseVerdict.TooFewRepetitions));
        var differences = pairs.Zip(changes, (pair, change) =>
        {
            var runInterval = RepetitionChange.Interval(pair.Baseline, pair.Round, runConfidence);
            var row = pair.Row;
            return new RoundDifference(row.Model, row.Variant, row.Precision, row.ExecutionProvider, row.BatchSize, row.PromptTokens, row.GenTokens,
                pair.Metric.Key, row.Round, change.BaselineGeometricMean, change.OtherGeometricMean, change.BaselineRepetitions, change.OtherRepetitions,
                change.Change, change.ChangeCi95Low, change.ChangeCi95High, change.Verdict,
                FlagsRun: runInterval is { } interval && (interval.Low > 1 || interval.High < 1));
        }).ToArray();
        return new RoundDrift(RepetitionChange.Method, RepetitionChange.Confidence, runConfidence,
            differences.Any(difference => difference.FlagsRun), differences);
    }
}
