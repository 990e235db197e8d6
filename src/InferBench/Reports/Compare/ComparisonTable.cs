using System.Globalization;
using static InferBench.Reports.ReportCell;
using static InferBench.Results.ReadableNumber;

namespace InferBench.Reports.Compare;

/// <summary>What <c>inferbench compare</c> prints, as plain text or a terminal table: the runs, one row per metric, notes.</summary>
public static class ComparisonTable
{
    public static IReadOnlyList<ReportColumn> Columns { get; } =
    [
        new("Model", false), new("Variant", false), new("Precision", false), new("EP", false), new("Batch", true), new("Prompt", true),
        new("Gen", true), new("Metric", false), new("A geomean", true), new("Run", false), new("Run geomean", true), new("Ratio", true),
        new("Change", true), new("95% CI of change", true), new("n", true), new("Verdict", false),
    ];

    public static IReadOnlyList<string> Runs(RunComparison comparison) =>
        [.. comparison.Runs.Select((run, i) => $"{(i == 0 ? "Baseline" : "Run")} {run.Label}: {run.RunId} ({run.Folder})")];

    public static IReadOnlyList<string> Cells(MetricComparison row) =>
    [
        row.Scenario.Model, row.Scenario.Variant, row.Scenario.Precision, row.Scenario.ExecutionProvider, Integer(row.Scenario.BatchSize),
        Integer(row.Scenario.PromptTokens), Integer(row.Scenario.GenTokens), row.Metric.Name, Number(row.BaselineGeometricMean), row.Run,
        Number(row.RunGeometricMean), $"{Number(row.Ratio)}x", Signed(row.Change),
        row is { ChangeCi95Low: { } low, ChangeCi95High: { } high } ? $"[{Signed(low)}, {Signed(high)}]" : Absent,
        $"{Integer(row.BaselineRepetitions)} vs {Integer(row.RunRepetitions)}", JsonEnumName.Of(row.Verdict).Replace('-', ' '),
    ];

    public static IReadOnlyList<string> Notes(RunComparison comparison)
    {
        List<string> notes =
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
                "change in about 3 out of 4 and a 20% change nearly always. Run with --reps 5 or more to rule out smaller changes.");
        if (comparison.UnmatchedRows > 0)
            notes.Add($"{Integer(comparison.UnmatchedRows)} measured row(s) had no match in the other runs and are left out.");
        return notes;
    }

    private static string Signed(double fraction) => fraction.ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture);
}
