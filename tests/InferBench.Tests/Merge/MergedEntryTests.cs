using InferBench.Cost.Catalog;
using InferBench.Merge;
using InferBench.Results;
using InferBench.Tests.Support;
using static InferBench.Tests.Merge.MergeSamples;

namespace InferBench.Tests.Merge;

/// <summary>How an entry is made: its best measured point, and which run it takes where several measured the same on one machine.</summary>
public sealed class MergedEntryTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(null, 4)] // no targets: the fastest ok row, at any batch
    [InlineData(250.0, 1)] // TTFT at most 250 ms: batch 4's 400 ms misses it
    public void TheBestPointIsTheFastestBatchThatMeetsTheRunsLatencyTargets(double? ttftLimitMilliseconds, int bestBatch)
    {
        // MeasuredRow's median TTFT is 100 ms x batch.
        var entry = MergeOne(ttftLimitMilliseconds, Row(Llama, "cuda-int4", 1, 70), Row(Llama, "cuda-int4", 4, 210), Row(Llama, "cuda-int4", 8, 190),
            Failed(Llama, "cuda-int4", 16, "out of memory"));

        Assert.Equal(bestBatch, entry.Best!.BatchSize);
        Assert.Equal(70, entry.BatchOne!.DecodeTokensPerSecond.Median);
        Assert.Empty(entry.Flags);
    }

    [Fact]
    public void WhenNoBatchMeetsTheTargetsTheEntryHasNoBestPointAndSaysWhatBatchOneMisses()
    {
        var entry = MergeOne(50, Row(Llama, "cuda-int4", 1, 70), Row(Llama, "cuda-int4", 4, 210));

        Assert.Null(entry.Best);
        Assert.Equal(["no batch meets the latency targets: batch 1 already misses ttft (100 ms, limit 50.0 ms)"], entry.Flags);
    }

    /// <summary>The one entry of a run of <paramref name="rows"/> with a TTFT target of <paramref name="ttftLimitMilliseconds"/> (null: none).</summary>
    private MergedEntry MergeOne(double? ttftLimitMilliseconds, params ScenarioResult[] rows)
    {
        var run = Run("20261201-080000-aaaaaa", L4, 0.98, rows);
        if (ttftLimitMilliseconds is { } limit)
            run = run with { Plan = run.Plan with { LatencyTargets = [new LatencyTarget(LatencyMetric.Ttft, limit)] } };
        Write(_temp.Combine("run"), run);
        return Assert.Single(RunMerge.Of([_temp.Path], [], PricingCatalogLoader.Load(null)).Entries);
    }

    [Fact]
    public void TwoRunsOfOneVariantOnOneMachineAreNotPooled()
    {
        var older = Run("20261201-080000-aaaaaa", L4, 0.98, Row(Llama, "cuda-fp16", 1, 40));
        Write(_temp.Combine("older"), older);
        Write(_temp.Combine("newer"), Run("20261201-090000-bbbbbb", L4, 0.98, Row(Llama, "cuda-fp16", 1, 44)) with
        {
            StartedUtc = older.StartedUtc.AddHours(1),
        });
        Write(_temp.Combine("partial"), Run("20261201-100000-cccccc", L4, 0.98, Row(Llama, "cuda-fp16", 1, 50)) with
        {
            StartedUtc = older.StartedUtc.AddHours(2), State = RunState.InProgress,
        });

        var merge = RunMerge.Of([_temp.Path], [], PricingCatalogLoader.Load(null));

        var entry = Assert.Single(merge.Entries);
        Assert.Equal("20261201-090000-bbbbbb", entry.RunId);
        Assert.Equal(44, entry.BatchOne!.DecodeTokensPerSecond.Median);
        Assert.Equal(["also measured on this machine by 20261201-080000-aaaaaa, 20261201-100000-cccccc: not pooled, the figures are 20261201-090000-bbbbbb's"],
            entry.Notes);
        Assert.Equal(3, merge.Rows.Count);
    }
}
