using System.Globalization;
using InferBench.Engines;
using InferBench.Results;
using InferBench.Runner;

namespace InferBench.Cli.Progress;

/// <summary>One line per event, for logs and redirected output.</summary>
public sealed class PlainRunProgress(TextWriter error) : IRunProgress
{
    public void TargetStarted(BenchmarkTarget target, int points, bool atMost) =>
        error.WriteLine($"{target.Model}/{target.Variant}: {(atMost ? "at most " : "")}{points} plan points");

    public void PointStarted(BenchmarkTarget target, PlanPoint point, int repetitions) =>
        error.WriteLine($"  {point}: {repetitions} repetitions");

    // One line per repetition would drown the log; the row line carries the result.
    public void RepetitionFinished(RepetitionSample sample) { }

    public void RowFinished(ScenarioResult row) => error.WriteLine(Describe(row));

    public static string Describe(ScenarioResult row)
    {
        var round = row.Round > 1 ? $" (round {row.Round})" : "";
        var where = $"  {row.Model}/{row.Variant} batch {row.BatchSize}, prompt {row.PromptTokens}, gen {row.GenTokens}{round}";
        return row.Metrics is { } m
            ? string.Create(CultureInfo.InvariantCulture,
                $"{where}: decode {m.DecodeTokensPerSecond.Median:F1} tok/s, TTFT {m.TimeToFirstTokenMilliseconds.Median:F2} ms (median of {m.DecodeTokensPerSecond.Count}{AutoStop(row.RepetitionStop)})")
              + (row.Targets is { Met: false } verdict ? $", misses {string.Join(", ", verdict.Missed.Select(r => JsonEnumName.Of(r.Metric)))}" : "")
              + (row.Reason is null ? "" : $" [{row.Reason}]") + BatchStop(row)
            : $"{where}: {JsonEnumName.Of(row.Status)}: {row.Reason}" + BatchStop(row);
    }

    /// <summary>On the row that ended a --batch auto sweep: why.</summary>
    private static string BatchStop(ScenarioResult row) =>
        row.BatchStop is { } stop ? $"; batch sweep stopped ({JsonEnumName.Of(stop.Reason)}): {stop.Detail}" : "";

    /// <summary>Under --reps auto, why the point stopped and the half-width it reached against the target.</summary>
    private static string AutoStop(RepetitionStop? stop) =>
        stop is { TargetHalfWidthPercent: { } target, DecodeHalfWidthPercent: { } reached }
            ? string.Create(CultureInfo.InvariantCulture, $"; stopped {JsonEnumName.Of(stop.Reason)} at ±{reached:F1}%, target ±{target:G4}%")
            : "";
}
