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

        // The fidelity and statistic objects are run.json's, documented by run.schema.json.
        string[] runJsonProperties = ["reference", "meanKlDivergenceNats", "p99KlDivergenceNats", "top1Agreement", "meanGreedyLogProbDeltaNats",
            "positions", "count", "mean", "median", "p90", "p99", "min", "max", "standardDeviation", "confidenceInterval95Lower", "confidenceInterval95Upper"];
        Assert.Equal(documented, new SortedSet<string>(written.Except(runJsonProperties), StringComparer.Ordinal));
        Assert.Empty(undescribed);
    }

    /// <summary>Folders whose merge writes every optional property: priced and unpriced machines, a flagged run, a duplicate, an unreadable folder.</summary>
    private string Everything()
    {
        var row = MergeSamples.Row(MergeSamples.Llama, "cuda-int4", 1, 70) with { Fidelity = new(Reference: "cuda-fp16", 0.01, 0.02, 0.97, -0.01, 512) };
        var run = MergeSamples.Run("20261201-100000-aaaaaa", MergeSamples.L4, 0.98, row);
        MergeSamples.Write(_temp.Combine("a"), run);
        MergeSamples.Write(_temp.Combine("copy"), run);
        MergeSamples.Write(_temp.Combine("b"), MergeSamples.Run("20261201-100000-bbbbbb", MergeSamples.H100, null, row) with { State = RunState.InProgress });
        Directory.CreateDirectory(_temp.Combine("bad"));
        File.WriteAllText(_temp.Combine("bad", "run.json"), "{");
        return _temp.Path;
    }
}
