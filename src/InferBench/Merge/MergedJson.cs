using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using InferBench.Reports;

namespace InferBench.Merge;

/// <summary>
/// merged.json: the merge for scripts, documented by Schemas/merged.schema.json: camelCase, nulls omitted, NaN as null,
/// enums as their documented strings.
/// </summary>
public static class MergedJson
{
    public const string FileName = "merged.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a data file, never embedded in HTML, as run.json
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new NonFiniteAsNullDoubleConverter() },
    };

    /// <param name="mergedUtc">When the merge ran.</param>
    public static string Serialize(RunMerge merge, DateTimeOffset mergedUtc) => JsonSerializer.Serialize(new Document(
        MergedColumns.SchemaVersion, mergedUtc, BestMeasuredPoint.Rule, merge.Inputs, merge.Machines, merge.Entries, merge.Problems), Options);

    private sealed record Document(
        int SchemaVersion,
        DateTimeOffset MergedUtc,
        string BestPointRule,
        IReadOnlyList<MergeInput> Inputs,
        IReadOnlyList<MergedMachine> Machines,
        IReadOnlyList<MergedEntry> Entries,
        IReadOnlyList<MergeProblem> Problems);
}
