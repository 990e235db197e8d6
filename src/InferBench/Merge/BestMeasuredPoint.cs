using InferBench.Cost;
using InferBench.Results;

namespace InferBench.Merge;

/// <summary>
/// The best measured point of one variant on one machine at one workload: the one place the merge picks it, so a rule
/// that honours a run's latency targets can take its place.
/// </summary>
public static class BestMeasuredPoint
{
    /// <summary>The rule, as the reports state it.</summary>
    public const string Rule = "the ok row with the highest median decode tok/s, at any batch";

    /// <param name="rows">The rows of one variant at one workload (prompt and gen tokens) of one run, any batch.</param>
    /// <param name="run">The run they come from: where a rule reads the run's latency targets.</param>
    /// <param name="pricing">How the run's rows are priced on their machine, for a rule that weighs cost.</param>
    /// <returns>The ok row with measured decode tok/s whose median is highest (the first of equals); null when there is none.</returns>
    public static ScenarioResult? Of(IReadOnlyList<ScenarioResult> rows, RunResult run, RunPricing pricing) =>
        rows.Where(MergedPoint.IsMeasured).MaxBy(row => row.Metrics!.DecodeTokensPerSecond.Median);
}
