using System.Text.Json.Serialization;
using InferBench.Reports.Columns;
using InferBench.Results;
using InferBench.Statistics;

namespace InferBench.Reports.Compare;

/// <summary>
/// Rows of several runs matched by <see cref="ScenarioKey"/>, each later run against the first (the baseline): decode
/// tok/s and TTFT over the measured repetitions, with a Welch t-interval of each change (<see cref="GeometricMeanRatio"/>).
/// </summary>
/// <param name="UnmatchedRows">Measured rows left out: those of later runs that the baseline lacks, and the baseline's that no later run has.</param>
/// <param name="Serving">Serving points matched by <see cref="ServingPointKey"/>, each later run's against the baseline's (<see cref="ServingComparison"/>); null when none matched.</param>
public sealed record RunComparison(
    IReadOnlyList<ComparedRun> Runs,
    IReadOnlyList<MetricComparison> Rows,
    int UnmatchedRows,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ServingComparison>? Serving = null)
{
    public const double Confidence = RepetitionChange.Confidence;

    /// <summary>Fewer repetitions on a side give no verdict (<see cref="RepetitionChange.MinRepetitions"/>).</summary>
    public const int MinRepetitions = RepetitionChange.MinRepetitions;

    /// <summary>Below this on a side, "within noise" says little: the interval is wide and the noise poorly known (see <see cref="ComparisonTable.Notes"/>).</summary>
    public const int FewRepetitions = 5;

    /// <summary>Runs are labelled A to Z.</summary>
    public const int MaxRuns = 26;

    /// <summary>How the intervals are made (<see cref="GeometricMeanRatio"/>), for --json.</summary>
    public string Method => RepetitionChange.Method;

    public double ConfidenceLevel => Confidence;

    /// <param name="runs">The runs with their folders, the baseline first.</param>
    /// <exception cref="InputException">Fewer than 2 or more than 26 runs, or no measured row of the baseline is in another run.</exception>
    public static RunComparison Of(IReadOnlyList<(RunResult Run, string Folder)> runs)
    {
        if (runs.Count is < 2 or > MaxRuns)
            throw new InputException($"compare takes 2 to {MaxRuns} run folders, got {runs.Count}");
        var labelled = runs.Select((run, i) => (Info: new ComparedRun(((char)('A' + i)).ToString(), run.Run.RunId, run.Folder), Rows: Measured(run.Run)))
            .ToList();
        var baseline = labelled[0];
        var rows = new List<MetricComparison>();
        foreach (var (key, baseRow) in baseline.Rows)
            foreach (var other in labelled.Skip(1).Where(other => other.Rows.ContainsKey(key)))
                rows.AddRange(ComparedMetric.All.Select(metric =>
                    Compare(key, metric, baseline.Info.Label, baseRow, other.Info.Label, other.Rows[key])));
        List<ServingComparison> serving =
            [.. labelled.Skip(1).SelectMany((other, i) => ServingComparison.Of(baseline.Info.Label, runs[0].Run, other.Info.Label, runs[i + 1].Run))];
        if (rows.Count == 0 && serving.Count == 0)
        {
            var counts = string.Join(", ", labelled.Select(run => $"{run.Info.Label} ({run.Info.RunId}) has {run.Rows.Count}"));
            var points = runs.Any(run => run.Run.Serving is { Count: > 0 })
                ? $" and no serving point in common (they match by model, variant, precision, EP and load): " +
                  string.Join(", ", labelled.Select((run, i) => $"{run.Info.Label} has {ServingComparison.Measured(runs[i].Run).Count}")) + " measured points"
                : "";
            throw new InputException(
                "the runs have no measured row in common (rows match by model, variant, precision, EP, batch, prompt and gen tokens; " +
                $"each run is compared with the first): {counts} measured rows{points}");
        }
        var otherKeys = labelled.Skip(1).SelectMany(run => run.Rows.Keys).ToHashSet();
        var unmatched = labelled.Skip(1).Sum(run => run.Rows.Keys.Count(key => !baseline.Rows.ContainsKey(key)))
            + baseline.Rows.Keys.Count(key => !otherKeys.Contains(key));
        return new RunComparison([.. labelled.Select(run => run.Info)], rows, unmatched, serving.Count > 0 ? serving : null);
    }

    /// <summary>The run's ok rows that have measured repetitions, by key (the first of duplicates: a run of several rounds is compared on its first).</summary>
    private static Dictionary<ScenarioKey, ScenarioResult> Measured(RunResult run) =>
        run.Results.Where(row => row.Status == ResultStatus.Ok && row.Repetitions.Any(r => r.Phase == RepetitionPhase.Measured))
            .DistinctBy(ScenarioKey.Of).ToDictionary(ScenarioKey.Of);

    private static MetricComparison Compare(ScenarioKey key, ComparedMetric metric, string baseLabel, ScenarioResult baseRow,
        string label, ScenarioResult row)
    {
        var change = RepetitionChange.Of(metric.SamplesOf(baseRow), metric.SamplesOf(row));
        return new MetricComparison(key, metric, baseLabel, label, change.BaselineMedian, change.OtherMedian,
            change.BaselineGeometricMean, change.OtherGeometricMean, change.BaselineRepetitions, change.OtherRepetitions,
            change.ChangeCi95Low, change.ChangeCi95High);
    }
}
