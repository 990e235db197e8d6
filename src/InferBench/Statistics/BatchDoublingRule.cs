using InferBench.Results;

namespace InferBench.Statistics;

/// <summary>
/// <c>--batch auto</c>'s stopping rule for a row that ran (a minimum gain of 0 never stops for flat throughput): after a measured batch, whether to try twice that batch. Memory,
/// the runtime's refusal and failures end a sweep through the row's status instead (the Runner decides those).
/// </summary>
public static class BatchDoublingRule
{
    /// <param name="decodeTokensPerSecond">Median decode tok/s of the measured batches so far, by batch: 1, 2, 4, ... (the last is the one just measured).</param>
    /// <param name="verdict">The last batch's latency verdict; null without targets.</param>
    /// <returns>Why to stop after the last batch; null: double it.</returns>
    public static BatchStop? Decide(AutoBatch plan, IReadOnlyList<(int Batch, double DecodeTokensPerSecond)> decodeTokensPerSecond, TargetVerdict? verdict)
    {
        var (batch, rate) = decodeTokensPerSecond[^1];
        if (verdict is { Met: false })
            return new BatchStop(BatchStopReason.TargetBroken,
                $"batch {batch} misses {string.Join(", ", verdict.Missed.Select(Describe))}; a larger batch only adds latency");
        if (plan.MinGainPercent > 0 && decodeTokensPerSecond.Count >= 3)
        {
            var (earlierBatch, earlierRate) = decodeTokensPerSecond[^3];
            var gainPercent = (rate / earlierRate - 1) * 100;
            if (!(gainPercent >= plan.MinGainPercent))
                return new BatchStop(BatchStopReason.ThroughputFlat,
                    $"decode tok/s gained {ReadableNumber.Of(gainPercent)}% from batch {earlierBatch} to {batch} ({ReadableNumber.Of(earlierRate)} to " +
                    $"{ReadableNumber.Of(rate)} tok/s), less than the {ReadableNumber.Of(plan.MinGainPercent)}% asked over two doublings");
        }
        if ((long)batch * 2 > plan.MaxBatchSize)
            return new BatchStop(BatchStopReason.MaxBatch, $"doubling batch {batch} would pass the maximum batch size {plan.MaxBatchSize}");
        return null;
    }

    /// <summary>Such as "itl-p99 (41.2 ms, limit 30.0 ms)".</summary>
    public static string Describe(TargetReading reading) =>
        $"{JsonEnumName.Of(reading.Metric)} ({ReadableNumber.Of(reading.MeasuredMilliseconds)} ms, limit {ReadableNumber.Of(reading.LimitMilliseconds)} ms)";
}
