using System.Text.Json;
using InferBench.Cost.Catalog;
using InferBench.Merge;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Merge;

/// <summary>The merged files' formats are documented: results/README.md's table of the machine columns, and merged.schema.json.</summary>
public sealed class MergedFormatDocumentationTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void MachineColumnsAreTheReadmeTableInOrderWithTheirUnitsAndDefinitions()
    {
        ReadmeColumnTable.AssertDocuments("| Merged column | Unit | Definition |", MergedColumns.MachineColumns);
    }

    [Fact]
    public void SchemaDocumentsEveryPropertyThatIsWrittenEachWithADescription()
    {
        var written = new SortedSet<string>(StringComparer.Ordinal);
        var merge = RunMerge.Of([Everything()], [], PricingCatalogLoader.Load(null));
        using (var document = JsonDocument.Parse(MergedJson.Serialize(merge, DateTimeOffset.UnixEpoch)))
            JsonSchemaProperties.Written(document.RootElement, written);
        var documented = new SortedSet<string>(StringComparer.Ordinal);
        var undescribed = new List<string>();
        JsonSchemaProperties.Documented(MergedSchema.Document, documented, undescribed);

        // The fidelity, quality, evaluation text, latency target and statistic objects are run.json's, documented by run.schema.json.
        string[] runJsonProperties = ["reference", "meanKlDivergenceNats", "p99KlDivergenceNats", "top1Agreement", "meanGreedyLogProbDeltaNats",
            "positions", "method", "perplexity", "referencePerplexity", "scoredTokens", "windowTokens", "strideTokens", "name", "revision", "path",
            "sha256", "licence", "characters", "metric", "limitMilliseconds",
            "count", "mean", "median", "p90", "p99", "min", "max", "standardDeviation", "confidenceInterval95Lower", "confidenceInterval95Upper"];
        Assert.Equal(documented, new SortedSet<string>(written.Except(runJsonProperties), StringComparer.Ordinal));
        Assert.Empty(undescribed);
    }

    /// <summary>
    /// Folders whose merge writes every optional property: priced and unpriced machines, a flagged run, a duplicate, an
    /// unreadable folder, latency targets, quality on a text.
    /// </summary>
    private string Everything()
    {
        var row = MergeSamples.Row(MergeSamples.Llama, "cuda-int4", 1, 70) with
        {
            Fidelity = new(Reference: "cuda-fp16", 0.01, 0.02, 0.97, -0.01, 512),
            Quality = new(QualityMethod.Text, 6.2, "cuda-fp16", 6.0, 512, 256, 128),
            RepetitionStop = new(RepetitionStopReason.Precise, 12, 1.5, 0.1, 2),
        };
        var run = MergeSamples.Run("20261201-100000-aaaaaa", MergeSamples.L4, 0.98, row) with
        {
            EvaluationText = new("WikiText-2 raw test", "Salesforce/wikitext", "b08601e", "wikitext-2-raw-v1/test.parquet", new string('a', 64), "CC BY-SA 3.0", 1000),
        };
        run = run with { Plan = run.Plan with { LatencyTargets = [new LatencyTarget(LatencyMetric.Ttft, 1000)] } };
        MergeSamples.Write(_temp.Combine("a"), run);
        MergeSamples.Write(_temp.Combine("copy"), run);
        MergeSamples.Write(_temp.Combine("b"), MergeSamples.Run("20261201-100000-bbbbbb", MergeSamples.H100, null, row) with { State = RunState.InProgress });
        Directory.CreateDirectory(_temp.Combine("bad"));
        File.WriteAllText(_temp.Combine("bad", "run.json"), "{");
        return _temp.Path;
    }
}
