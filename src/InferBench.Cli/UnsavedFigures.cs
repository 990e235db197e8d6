using System.Text.Json;
using InferBench.Cli.Progress;
using InferBench.Reports;
using InferBench.Results;
using InferBench.Runner;

namespace InferBench.Cli;

/// <summary>
/// After a failed save (a full disk), the rows and load points that were measured but are in no file: each one's line
/// and its entry as run.json would hold it (every figure, with its units and sources), on stderr, so nothing measured is lost.
/// </summary>
public static class UnsavedFigures
{
    private static readonly JsonSerializerOptions OneLine = new(RunJson.Options) { WriteIndented = false };

    public static void Write(TextWriter error, RunOutcome outcome)
    {
        if (outcome.Unsaved is not { } unsaved)
            return;
        var rows = NotIn(outcome.Run.Results, unsaved.Results);
        var points = NotIn(outcome.Run.Serving ?? [], unsaved.Serving ?? []);
        if (rows.Count + points.Count == 0)
            return;
        var counts = string.Join(", ", new[] { (rows.Count, "row"), (points.Count, "load point") }
            .Where(count => count.Item1 > 0).Select(count => ReadableNumber.Counted(count.Item1, count.Item2)));
        error.WriteLine($"inferbench: these measured figures could not be saved ({counts}); each follows with the entry run.json would hold for it:");
        foreach (var row in rows)
        {
            error.WriteLine(PlainRunProgress.Describe(row));
            error.WriteLine($"  {JsonSerializer.Serialize(row, OneLine)}");
        }
        foreach (var point in points)
        {
            error.WriteLine(ServingPointLine.Of(point));
            error.WriteLine($"  {JsonSerializer.Serialize(point, OneLine)}");
        }
    }

    /// <summary>The entries of <paramref name="unsaved"/> that are not the saved ones at their place (new, or the same row with figures added since).</summary>
    private static List<T> NotIn<T>(IReadOnlyList<T> saved, IReadOnlyList<T> unsaved) where T : class =>
        [.. unsaved.Where((entry, i) => i >= saved.Count || !ReferenceEquals(entry, saved[i]))];
}
