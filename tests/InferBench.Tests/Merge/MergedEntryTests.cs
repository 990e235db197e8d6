using InferBench.Cost;
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

    [Fact]
    public void TheBestPointIsTheFastestOkRowAtAnyBatch()
    {
        ScenarioResult[] rows =
        [
            Row(Llama, "cuda-int4", 1, 70), Row(Llama, "cuda-int4", 4, 210), Row(Llama, "cuda-int4", 8, 190),
            Failed(Llama, "cuda-int4", 16, "out of memory"),
        ];

        var run = Run("20261201-080000-aaaaaa", L4, 0.98, rows);
        var pricing = new RunPricing(run.Cost);

        Assert.Equal(4, BestMeasuredPoint.Of(rows, run, pricing)!.BatchSize);
        Assert.Null(BestMeasuredPoint.Of([Failed(Llama, "cuda-int4", 1, "out of memory")], run, pricing));
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
