using System.Globalization;
using InferBench.Reports.Columns;
using InferBench.Results;
using static InferBench.Reports.ReportCell;
using static InferBench.Results.ReadableNumber;

namespace InferBench.Reports.Compare;

/// <summary>
/// The drift between sweep rounds (run.json's <see cref="RunResult.Drift"/>) as report.md and report.html show it: a
/// verdict on the run, then one row per point, metric and later round against round 1.
/// </summary>
public static class DriftTable
{
    private static readonly Dictionary<string, string> MetricNames = ComparedMetric.All.ToDictionary(metric => metric.Key, metric => metric.Name);

    public static IReadOnlyList<Column<RoundDifference>> Columns { get; } =
    [
        .. ScenarioColumns.All.Select(column => column.Of((RoundDifference row) =>
            new ScenarioKey(row.Model, row.Variant, row.Precision, row.ExecutionProvider, row.BatchSize, row.PromptTokens, row.GenTokens))),
        new("metric", "Metric", "text", false, "The metric compared, with its unit",
            row => Cell.Of(MetricNames.GetValueOrDefault(row.Metric, row.Metric))),
        new("round", "Round", "count", true, "The later round, compared with round 1", row => Cell.Of(row.Round)),
        new("baselineGeometricMean", "Round 1 geomean", "the metric's unit", true, "Geometric mean of round 1's measured repetitions",
            row => Cell.Of(row.BaselineGeometricMean)),
        new("roundGeometricMean", "Round geomean", "the metric's unit", true, "Geometric mean of the later round's measured repetitions",
            row => Cell.Of(row.RoundGeometricMean)),
        new("change", "Change [95% CI]", "%", true, "Round / round 1 - 1, with the Welch t-interval of the change on log values",
            row => Cell.Composed(row is { ChangeCi95Low: { } low, ChangeCi95High: { } high }
                ? $"{ComparisonTable.Signed(row.Change)} [{ComparisonTable.Signed(low)}, {ComparisonTable.Signed(high)}]"
                : double.IsFinite(row.Change) ? ComparisonTable.Signed(row.Change) : Absent)),
        new("repetitions", "n", "count", true, "Measured repetitions of round 1 vs the later round",
            row => Cell.Composed($"{Integer(row.BaselineRepetitions)} vs {Integer(row.RoundRepetitions)}")),
        new("verdict", "Verdict", "text", false, "Whether the change is larger than the measurement noise",
            row => Cell.Of(ComparisonTable.Verdict(row.Verdict) + (row.FlagsRun ? " (flags the run)" : ""))),
    ];

    /// <summary>The run's verdict: whether a point moved by more than the noise allows across all the comparisons, and how the rounds ran.</summary>
    public static string Summary(RunResult run, RoundDrift drift)
    {
        var flagging = drift.Differences.Count(d => d.FlagsRun);
        var larger = drift.Differences.Count(d => d.Verdict == NoiseVerdict.LargerThanNoise);
        var tooFew = drift.Differences.Count(d => d.Verdict == NoiseVerdict.TooFewRepetitions);
        var runLevel = drift.RunConfidenceLevel.ToString("0.##%", CultureInfo.InvariantCulture);
        var verdict = drift.Differences.Count == 0
            ? "no point was measured in more than one round, so there is no drift to show"
            : flagging > 0
                ? $"the run drifted: {Integer(flagging)} of {Integer(drift.Differences.Count)} differences between rounds lie outside even their {runLevel} interval, so a figure depends on when it was measured"
                : larger > 0
                    ? $"the run is not flagged: {Integer(larger)} of {Integer(drift.Differences.Count)} differences are larger than the noise at 95% each, but none outside its {runLevel} interval, " +
                      "and among this many comparisons some 95% verdicts are expected by chance alone"
                    : $"no difference between rounds is larger than the noise ({Integer(drift.Differences.Count)} compared)";
        var few = tooFew > 0 ? $"; {Integer(tooFew)} have fewer than {Integer(RunComparison.MinRepetitions)} repetitions on a side and no verdict" : "";
        return $"The sweep ran {Integer(run.Plan.Rounds)} rounds, even rounds in reverse variant order; {verdict}{few}. " +
            "Each later round is compared with round 1: geometric means over the measured repetitions and a 95% Welch t-interval " +
            "on the logarithms of the values, as inferbench compare computes them; the run is flagged when a difference lies outside " +
            "its interval at 1 - 5% / the number of differences (Bonferroni), so a run without drift is flagged at most 5% of the time.";
    }
}
