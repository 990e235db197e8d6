using InferBench.Results;

namespace InferBench.Reports.Compare;

/// <summary>
/// Rows of several runs matched by <see cref="ScenarioKey"/>, each later run against the first (the baseline): decode
/// tok/s and TTFT medians over the measured repetitions, with a seeded bootstrap interval of each change.
/// </summary>
/// <param name="UnmatchedRows">Measured rows left out: those of later runs that the baseline lacks, and the baseline's that no later run has.</param>
public sealed record RunComparison(
    IReadOnlyList<ComparedRun> Runs,
    int Resamples,
    int Seed,
    IReadOnlyList<MetricComparison> Rows,
    int UnmatchedRows)
{
    public const int DefaultResamples = 2000;
    public const int DefaultSeed = 42;

    /// <summary>
    /// Fewer repetitions give no verdict: a bootstrap over two samples can only reshuffle them, so its interval is about
    /// their range and far narrower than the noise it should capture.
    /// </summary>
    public const int MinRepetitions = 3;

    /// <summary>Runs are labelled A to Z.</summary>
    public const int MaxRuns = 26;

    public double ConfidenceLevel => BootstrapRatio.ConfidenceLevel;

    /// <param name="runs">The runs with their folders, the baseline first.</param>
    /// <exception cref="InputException">Fewer than 2 or more than 26 runs, or no measured row of the baseline is in another run.</exception>
    public static RunComparison Of(IReadOnlyList<(RunResult Run, string Folder)> runs, int resamples = DefaultResamples, int seed = DefaultSeed)
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
                    Compare(key, metric, baseline.Info.Label, baseRow, other.Info.Label, other.Rows[key], resamples, seed)));
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
        return new RunComparison([.. labelled.Select(run => run.Info)], resamples, seed, rows, unmatched);
    }

    /// <summary>The run's ok rows that have measured repetitions, by key (the first of duplicates).</summary>
    private static Dictionary<ScenarioKey, ScenarioResult> Measured(RunResult run) =>
        run.Results.Where(row => row.Status == ResultStatus.Ok && row.Repetitions.Any(r => r.Phase == RepetitionPhase.Measured))
            .DistinctBy(ScenarioKey.Of).ToDictionary(ScenarioKey.Of);

    private static MetricComparison Compare(ScenarioKey key, ComparedMetric metric, string baseLabel, ScenarioResult baseRow,
        string label, ScenarioResult row, int resamples, int seed)
    {
        var (baseSamples, samples) = (metric.SamplesOf(baseRow), metric.SamplesOf(row));
        (double Low, double High)? interval = baseSamples.Length >= MinRepetitions && samples.Length >= MinRepetitions
            ? BootstrapRatio.Interval(baseSamples, samples, resamples, seed)
            : null;
        return new MetricComparison(key, metric, baseLabel, label, BootstrapRatio.Median(baseSamples), BootstrapRatio.Median(samples),
            baseSamples.Length, samples.Length, interval?.Low - 1, interval?.High - 1);
    }
}
