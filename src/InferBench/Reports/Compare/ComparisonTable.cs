using System.Globalization;
using InferBench.Reports.Columns;
using InferBench.Results;
using static InferBench.Reports.ReportCell;
using static InferBench.Results.ReadableNumber;

namespace InferBench.Reports.Compare;

/// <summary>What <c>inferbench compare</c> prints, as plain text or a terminal table: the runs, one row per metric, notes.</summary>
public static class ComparisonTable
{
    public static IReadOnlyList<Column<MetricComparison>> Columns { get; } =
    [
        .. ScenarioColumns.All.Select(column => column.Of((MetricComparison row) => row.Scenario)),
        new("metric", "Metric", "text", false, "The metric compared, with its unit", row => Cell.Of(row.Metric.Name)),
        new("baselineGeometricMean", "A geomean", "the metric's unit", true, "Geometric mean of the baseline's measured repetitions",
            row => Cell.Of(row.BaselineGeometricMean)),
        new("run", "Run", "text", false, "The run compared with the baseline", row => Cell.Of(row.Run)),
        new("runGeometricMean", "Run geomean", "the metric's unit", true, "Geometric mean of the run's measured repetitions",
            row => Cell.Of(row.RunGeometricMean)),
        new("ratio", "Ratio", "x", true, "Run geomean / A geomean", row => Cell.Of(row.Ratio, $"{Number(row.Ratio)}x")),
        new("change", "Change", "%", true, "Ratio - 1", row => Cell.Of(row.Change, Signed(row.Change))),
        new("changeCi95", "95% CI of change", "%", true, "Welch t-interval of the change on the logarithms of the values",
            row => Cell.Composed(row is { ChangeCi95Low: { } low, ChangeCi95High: { } high } ? $"[{Signed(low)}, {Signed(high)}]" : Absent)),
        new("repetitions", "n", "count", true, "Measured repetitions of A vs the run",
            row => Cell.Composed($"{Integer(row.BaselineRepetitions)} vs {Integer(row.RunRepetitions)}")),
        new("verdict", "Verdict", "text", false, "Whether the change is larger than the measurement noise",
            row => Cell.Of(Verdict(row.Verdict))),
    ];

    /// <summary>The serving points' table: one row per matched point and metric.</summary>
    public static IReadOnlyList<Column<ServingComparison>> ServingColumns { get; } =
    [
        new("model", "Model", "text", false, "Model name", row => Cell.Of(row.Point.Model)),
        new("variant", "Variant", "text", false, "Model variant", row => Cell.Of(row.Point.Variant)),
        new("precision", "Precision", "text", false, "Weight precision", row => Cell.Of(row.Point.Precision)),
        new("ep", "EP", "text", false, "Execution provider", row => Cell.Of(row.Point.ExecutionProvider)),
        new("load", "Load", "text", false, "The load offered: concurrency or request rate", row => Cell.Of(row.Point.Load.ToString())),
        new("metric", "Metric", "text", false, "The figure compared, with its unit",
            row => Cell.Of(ServingComparison.Metrics.First(metric => metric.Key == row.Metric).Name)),
        new("baselineValue", "A", "the metric's unit", true, "The baseline's figure", row => Cell.Of(row.BaselineValue)),
        new("run", "Run", "text", false, "The run compared with the baseline", row => Cell.Of(row.Run)),
        new("runValue", "Run value", "the metric's unit", true, "The run's figure", row => Cell.Of(row.RunValue)),
        new("change", "Change", "%", true, "Run value / A - 1", row => row.Change is { } change ? Cell.Of(change, Signed(change)) : Cell.Absent),
    ];

    public static IReadOnlyList<string> Runs(RunComparison comparison) =>
        [.. comparison.Runs.Select((run, i) => $"{(i == 0 ? "Baseline" : "Run")} {run.Label}: {run.RunId} ({run.Folder})")];

    public static IReadOnlyList<string> Notes(RunComparison comparison)
    {
        List<string> notes = comparison.Rows.Count == 0 ? [] :
        [
            "Geometric means over the measured repetitions (warmup excluded); ratio = run / A, change = ratio - 1. " +
            "The 95% CI of the change is a Welch t-interval on the logarithms of the values (the ratio of geometric means), " +
            "valid when the log values are roughly normal. \"larger than noise\": the interval excludes 0, which identical runs " +
            "give in at most 5% of comparisons; \"within noise\": it includes 0. n = repetitions of A vs the run; with fewer than " +
            $"{Integer(RunComparison.MinRepetitions)} on a side there is no interval and no verdict.",
        ];
        var few = comparison.Rows.Count(row => row.FewRepetitions);
        if (few > 0)
            notes.Add($"{Integer(few)} row(s) have fewer than {Integer(RunComparison.FewRepetitions)} repetitions on a side. " +
                "There, \"larger than noise\" still means a real difference (at most 5% false alarms), but \"within noise\" does not " +
                "mean the runs are alike: only that the change may lie anywhere in its interval, which is wide because 3 or 4 " +
                "values estimate the noise poorly and cannot show it is normal. At 5% run-to-run variation, 3 repetitions a side " +
                "find a 20% change in about 8 comparisons out of 10 and a 10% change in about 1 in 3; 5 repetitions find a 10% " +
                $"change in about 3 out of 4 and a 20% change nearly always. Run with {CommandOptions.Reps} 5 or more to rule out smaller changes.");
        if (comparison.UnmatchedRows > 0)
            notes.Add($"{Integer(comparison.UnmatchedRows)} measured row(s) had no match in the other runs and are left out.");
        if (comparison.Serving is not null)
            notes.Add("Serving points match by model, variant, precision, EP and load; each is one measurement over its requests, " +
                "not repetitions, so its change has no noise interval and no verdict: rerun both to see how much a point moves by itself.");
        return notes;
    }

    public static string Signed(double fraction) => fraction.ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture);

    /// <summary>"larger than noise", "within noise", "too few repetitions".</summary>
    public static string Verdict(NoiseVerdict verdict) => JsonEnumName.Of(verdict).Replace('-', ' ');
}
