using InferBench.Cost.Model;
using InferBench.Results;
using InferBench.Statistics;

namespace InferBench.Cost.Runs;

/// <summary>
/// Where to serve a variant: per variant and workload, the batch that meets the latency targets at the highest
/// throughput, with its $ per 1M generated tokens and J/token. Throughput is the median decode tok/s, as $/1M uses.
/// </summary>
public static class BestOperatingPoint
{
    /// <param name="rows">Rows of one run or several (merged); per variant, workload and batch the first measured row counts
    /// (round 1's in a run of several rounds).</param>
    /// <param name="targets">The latency targets each row is judged against (recomputed from its metrics, so rows of runs
    /// with other targets are judged alike); null or empty: every measured row meets them.</param>
    /// <param name="pricing">Prices the rows (the run's cost assumptions).</param>
    /// <returns>One choice per variant and workload that has a measured row, in the order of the rows.</returns>
    public static IReadOnlyList<OperatingPointChoice> Choose(IEnumerable<ScenarioResult> rows, IReadOnlyList<LatencyTarget>? targets, RunPricing pricing) =>
    [
        .. rows.GroupBy(row => (row.Model, row.Variant, row.Precision, row.ExecutionProvider, row.PromptTokens, row.GenTokens))
            .Select(group => Choose(group.Key, group.ToList(), targets, pricing))
            .OfType<OperatingPointChoice>(),
    ];

    private static OperatingPointChoice? Choose(
        (string Model, string Variant, string Precision, string ExecutionProvider, int PromptTokens, int GenTokens) key,
        IReadOnlyList<ScenarioResult> rows, IReadOnlyList<LatencyTarget>? targets, RunPricing pricing)
    {
        List<OperatingPoint> points =
        [
            .. rows.Where(row => row.Status == ResultStatus.Ok && row.Metrics is { DecodeTokensPerSecond.Median: > 0 })
                .DistinctBy(row => row.BatchSize)
                .OrderBy(row => row.BatchSize)
                .Select(row => PointOf(row, targets, pricing)),
        ];
        if (points.Count == 0)
            return null;
        var best = points.Where(p => p.MeetsTargets).MaxBy(p => p.MachineTokensPerSecond);
        return new OperatingPointChoice(key.Model, key.Variant, key.Precision, key.ExecutionProvider, key.PromptTokens, key.GenTokens,
            points, best, best is null ? points[0].Verdict!.Missed : [], rows.Select(row => row.BatchStop).FirstOrDefault(stop => stop is not null));
    }

    private static OperatingPoint PointOf(ScenarioResult row, IReadOnlyList<LatencyTarget>? targets, RunPricing pricing)
    {
        var machine = row.Metrics!.DecodeTokensPerSecond.Median;
        return new OperatingPoint(row, machine, machine / row.BatchSize, pricing.For(row).HardwarePerMillionGeneratedTokens,
            CostModel.EnergyOf(row), LatencyTargetJudge.Judge(row.Metrics, targets));
    }
}
