using InferBench.Results;

namespace InferBench.Statistics;

/// <summary>Differences between sweep rounds (<see cref="RoundDrift"/>) of decode tokens/s and TTFT, from a run's rows.</summary>
public static class RoundDriftCalculator
{
    public const string Method = "welch-t-on-log-values";

    private static readonly (string Key, Func<ScenarioResult, RepetitionSample, double> Sample)[] Metrics =
    [
        ("decodeTokensPerSecond", (row, repetition) => RepetitionRates.DecodeTokensPerSecond(row.BatchSize, repetition)),
        ("timeToFirstTokenMilliseconds", (_, repetition) => RepetitionRates.TimeToFirstTokenMilliseconds(repetition)),
    ];

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
            from metric in Metrics
            select Difference(firstRound[Point(row)], row, metric.Key, metric.Sample)).ToArray();
        return new RoundDrift(Method, RepetitionChange.Confidence,
            differences.Any(difference => difference.Verdict == NoiseVerdict.LargerThanNoise), differences);
    }

    private static RoundDifference Difference(ScenarioResult baseline, ScenarioResult row, string metric, Func<ScenarioResult, RepetitionSample, double> sample)
    {
        double[] Samples(ScenarioResult of) => [.. of.Repetitions.Where(r => r.Phase == RepetitionPhase.Measured).Select(r => sample(of, r))];
        var change = RepetitionChange.Of(Samples(baseline), Samples(row));
        return new RoundDifference(row.Model, row.Variant, row.Precision, row.ExecutionProvider, row.BatchSize, row.PromptTokens, row.GenTokens,
            metric, row.Round, change.BaselineGeometricMean, change.OtherGeometricMean, change.BaselineRepetitions, change.OtherRepetitions,
            change.Change, change.ChangeCi95Low, change.ChangeCi95High, change.Verdict);
    }

    private static (string, string, string, string, int, int, int) Point(ScenarioResult row) =>
        (row.Model, row.Variant, row.Precision, row.ExecutionProvider, row.BatchSize, row.PromptTokens, row.GenTokens);
}
