using InferBench.Results;
using InferBench.Statistics;

namespace InferBench.Reports.Compare;

/// <summary>A per-repetition metric that <c>inferbench compare</c> sets side by side; definitions as in results/README.md.</summary>
/// <param name="Name">The metric with its unit, as printed.</param>
/// <param name="Key">Its name in --json.</param>
public sealed record ComparedMetric(string Name, string Key, Func<ScenarioResult, RepetitionSample, double> Sample)
{
    /// <summary>batch x (gen tokens - 1) / decode seconds, as the run's statistics compute it.</summary>
    public static ComparedMetric DecodeTokensPerSecond { get; } = new("decode tok/s", "decodeTokensPerSecond",
        (row, repetition) => RepetitionRates.DecodeTokensPerSecond(row.BatchSize, repetition));

    public static ComparedMetric TimeToFirstTokenMilliseconds { get; } = new("TTFT ms", "timeToFirstTokenMilliseconds",
        (_, repetition) => RepetitionRates.TimeToFirstTokenMilliseconds(repetition));

    public static IReadOnlyList<ComparedMetric> All { get; } = [DecodeTokensPerSecond, TimeToFirstTokenMilliseconds];

    /// <summary>One value per measured repetition (warmup excluded), in run order.</summary>
    public double[] SamplesOf(ScenarioResult row) =>
        [.. row.Repetitions.Where(repetition => repetition.Phase == RepetitionPhase.Measured).Select(repetition => Sample(row, repetition))];
}
