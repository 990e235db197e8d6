using InferBench.Results;
using InferBench.Statistics;

namespace InferBench.Reports.Compare;

/// <summary>A per-repetition metric that <c>inferbench compare</c> sets side by side; definitions as in results/README.md.</summary>
/// <param name="Name">The metric with its unit, as printed.</param>
public sealed record ComparedMetric(string Name, RepetitionMetric Measure)
{
    /// <summary>batch x (gen tokens - 1) / decode seconds, as the run's statistics compute it.</summary>
    public static ComparedMetric DecodeTokensPerSecond { get; } = new("decode tok/s", RepetitionMetric.DecodeTokensPerSecond);

    public static ComparedMetric TimeToFirstTokenMilliseconds { get; } = new("TTFT ms", RepetitionMetric.TimeToFirstTokenMilliseconds);

    public static IReadOnlyList<ComparedMetric> All { get; } = [DecodeTokensPerSecond, TimeToFirstTokenMilliseconds];

    /// <summary>Its name in --json.</summary>
    public string Key => Measure.Key;

    /// <summary>One value per measured repetition (warmup excluded), in run order.</summary>
    public double[] SamplesOf(ScenarioResult row) => Measure.SamplesOf(row);
}
