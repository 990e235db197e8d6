using System.Globalization;
using static InferBench.Reports.ReportCell;

namespace InferBench.Reports.Compare;

/// <summary>What <c>inferbench compare</c> prints, as plain text or a terminal table: the runs, one row per metric, notes.</summary>
public static class ComparisonTable
{
    public static IReadOnlyList<ReportColumn> Columns { get; } =
    [
        new("Model", false), new("Variant", false), new("Precision", false), new("EP", false), new("Batch", true), new("Prompt", true),
        new("Gen", true), new("Metric", false), new("A median", true), new("Run", false), new("Run median", true), new("Ratio", true),
        new("Change", true), new("95% CI of change", true), new("n", true), new("Verdict", false),
    ];

    public static IReadOnlyList<string> Runs(RunComparison comparison) =>
        [.. comparison.Runs.Select((run, i) => $"{(i == 0 ? "Baseline" : "Run")} {run.Label}: {run.RunId} ({run.Folder})")];

    public static IReadOnlyList<string> Cells(MetricComparison row) =>
    [
        row.Scenario.Model, row.Scenario.Variant, row.Scenario.Precision, row.Scenario.ExecutionProvider, Integer(row.Scenario.BatchSize),
        Integer(row.Scenario.PromptTokens), Integer(row.Scenario.GenTokens), row.Metric.Name, Number(row.BaselineMedian), row.Run,
        Number(row.RunMedian), $"{Number(row.Ratio)}x", Signed(row.Change),
        row is { ChangeCi95Low: { } low, ChangeCi95High: { } high } ? $"[{Signed(low)}, {Signed(high)}]" : Absent,
        $"{Integer(row.BaselineRepetitions)} vs {Integer(row.RunRepetitions)}", JsonEnumName.Of(row.Verdict).Replace('-', ' '),
    ];

    public static IReadOnlyList<string> Notes(RunComparison comparison)
    {
        List<string> notes =
        [
            "Medians over the measured repetitions (warmup excluded); change = run median / A median - 1. " +
            $"The 95% CI of the change is a percentile bootstrap of the ratio of medians ({Integer(comparison.Resamples)} resamples, " +
            $"seed {Integer(comparison.Seed)}); \"within noise\" means it includes 0. n = repetitions of A vs the run; " +
            $"with fewer than {Integer(RunComparison.MinRepetitions)} on a side there is no interval and no verdict.",
        ];
        if (comparison.UnmatchedRows > 0)
            notes.Add($"{Integer(comparison.UnmatchedRows)} measured row(s) had no match in the other runs and are left out.");
        return notes;
    }

    private static string Signed(double fraction) => fraction.ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture);
}
