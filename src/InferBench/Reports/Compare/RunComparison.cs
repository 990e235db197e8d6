using InferBench.Reports.Columns;
using InferBench.Results;
using InferBench.Statistics;

namespace InferBench.Reports.Compare;

/// <summary>
/// Rows of several runs matched by <see cref="ScenarioKey"/>, each later run against the first (the baseline): decode
/// tok/s and TTFT over the measured repetitions, with a Welch t-interval of each change (<see cref="GeometricMeanRatio"/>).
/// </summary>
/// <param name="UnmatchedRows">Measured rows left out: those of later runs that the baseline lacks, and the baseline's that no later run has.</param>
public sealed record RunComparison(
    IReadOnlyList<ComparedRun> Runs,
    IReadOnlyList<MetricComparison> Rows,
    int UnmatchedRows)
{
    public const double Confidence = 0.95;

    /// <summary>
    /// Fewer repetitions give no verdict: two values per side leave the noise estimate one degree of freedom each, and
    /// an interval several times wider than the spread of the values.
    /// </summary>
    public const int MinRepetitions = 3;

    /// <summary>Below this on a side, "within noise" says little: the interval is wide and the noise poorly known (see <see cref="ComparisonTable.Notes"/>).</summary>
    public const int FewRepetitions = 5;

    /// <summary>Runs are labelled A to Z.</summary>
    public const int MaxRuns = 26;

    /// <summary>How the intervals are made (<see cref="GeometricMeanRatio"/>), for --json.</summary>
    public string Method => "welch-t-on-log-values";

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
        if (rows.Count == 0)
        {
            var counts = string.Join(", ", labelled.Select(run => $"{run.Info.Label} ({run.Info.RunId}) has {run.Rows.Count}"));
            throw new InputException(
                "the runs have no measured row in common (rows match by model, variant, precision, EP, batch, prompt and gen tokens; " +
                $"each run is compared with the first): {counts} measured rows");
        }
        var otherKeys = labelled.Skip(1).SelectMany(run => run.Rows.Keys).ToHashSet();
        var unmatched = labelled.Skip(1).Sum(run => run.Rows.Keys.Count(key => !baseline.Rows.ContainsKey(key)))
            + baseline.Rows.Keys.Count(key => !otherKeys.Contains(key));
        return new RunComparison([.. labelled.Select(run => run.Info)], rows, unmatched);
    }

    /// <summary>The run's ok rows that have measured repetitions, by key (the first of duplicates).</summary>
    private static Dictionary<ScenarioKey, ScenarioResult> Measured(RunResult run) =>
        run.Results.Where(row => row.Status == ResultStatus.Ok && row.Repetitions.Any(r => r.Phase == RepetitionPhase.Measured))
            .DistinctBy(ScenarioKey.Of).ToDictionary(ScenarioKey.Of);

    private static MetricComparison Compare(ScenarioKey key, ComparedMetric metric, string baseLabel, ScenarioResult baseRow,
        string label, ScenarioResult row)
    {
        var (baseSamples, samples) = (Usable(metric.SamplesOf(baseRow)), Usable(metric.SamplesOf(row)));
        var interval = baseSamples.Length >= MinRepetitions && samples.Length >= MinRepetitions
            ? GeometricMeanRatio.Of(baseSamples, samples, Confidence)
            : null;
        return new MetricComparison(key, metric, baseLabel, label, Median(baseSamples), Median(samples),
            GeometricMeanRatio.GeometricMean(baseSamples), GeometricMeanRatio.GeometricMean(samples), baseSamples.Length, samples.Length,
            interval?.Low - 1, interval?.High - 1);
    }

    /// <summary>A repetition without a finite timing, or that decoded nothing, has no value to compare.</summary>
    private static double[] Usable(double[] samples) => [.. samples.Where(sample => double.IsFinite(sample) && sample > 0)];

    private static double Median(double[] samples) => samples.Length == 0 ? double.NaN : SampleStatisticsCalculator.From(samples).Median;
}
