using InferBench.Results;

namespace InferBench.Statistics;

/// <summary>A figure with one value per measured repetition, as <c>compare</c> and the drift between rounds set them side by side.</summary>
/// <param name="Key">Its name in run.json's drift and in compare --json.</param>
public sealed record RepetitionMetric(string Key, Func<ScenarioResult, RepetitionSample, double> Sample)
{
    public static RepetitionMetric DecodeTokensPerSecond { get; } = new("decodeTokensPerSecond",
        (row, repetition) => RepetitionRates.DecodeTokensPerSecond(row.BatchSize, repetition));

    public static RepetitionMetric TimeToFirstTokenMilliseconds { get; } = new("timeToFirstTokenMilliseconds",
        (_, repetition) => RepetitionRates.TimeToFirstTokenMilliseconds(repetition));

    public static IReadOnlyList<RepetitionMetric> All { get; } = [DecodeTokensPerSecond, TimeToFirstTokenMilliseconds];

    /// <summary>One value per measured repetition (warmup excluded), in run order.</summary>
    public double[] SamplesOf(ScenarioResult row) =>
        [.. row.Repetitions.Where(repetition => repetition.Phase == RepetitionPhase.Measured).Select(repetition => Sample(row, repetition))];
}
