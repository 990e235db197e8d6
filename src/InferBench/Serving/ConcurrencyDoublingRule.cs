using InferBench.Results;
using InferBench.Statistics;

namespace InferBench.Serving;

/// <summary>
/// Automatic concurrency: 1, 2, 4, ... After a measured point, whether to double it: stop when a latency target breaks,
/// when goodput (request throughput without targets) grew less than 5% over the last doubling, or when the next
/// concurrency would pass twice the engine's effective batch (the rest only queues in the engine).
/// </summary>
public static class ConcurrencyDoublingRule
{
    public const double MinGainPercent = 5;

    /// <param name="goodput">Goodput (or request throughput) of the points so far by concurrency, the last the one just measured.</param>
    /// <param name="verdict">The last point's latency verdict; null without targets.</param>
    /// <returns>Why to stop after the last point; null: double it.</returns>
    public static BatchStop? Decide(IReadOnlyList<(int Concurrency, double RequestsPerSecond)> goodput, TargetVerdict? verdict, int effectiveMaxBatchSize)
    {
        var (concurrency, rate) = goodput[^1];
        if (verdict is { Met: false })
            return new BatchStop(BatchStopReason.TargetBroken,
                $"concurrency {concurrency} misses {string.Join(", ", verdict.Missed.Select(BatchDoublingRule.Describe))}; more requests in flight only add latency");
        if (goodput.Count >= 2)
        {
            var (earlierConcurrency, earlierRate) = goodput[^2];
            var gainPercent = (rate / earlierRate - 1) * 100;
            if (!(gainPercent >= MinGainPercent))
                return new BatchStop(BatchStopReason.ThroughputFlat,
                    $"goodput gained {ReadableNumber.Of(gainPercent)}% from concurrency {earlierConcurrency} to {concurrency} ({ReadableNumber.Of(earlierRate)} to " +
                    $"{ReadableNumber.Of(rate)} requests/s), less than {ReadableNumber.Of(MinGainPercent)}%");
        }
        return 2L * concurrency > 2L * effectiveMaxBatchSize
            ? new BatchStop(BatchStopReason.MaxBatch,
                $"concurrency {2L * concurrency} would pass twice the engine's effective batch ({effectiveMaxBatchSize}); more only queues in the engine")
            : null;
    }
}
