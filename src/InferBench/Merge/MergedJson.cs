using System.Text.Json;
using InferBench.Reports;

namespace InferBench.Merge;

/// <summary>
/// merged.json: the merge for scripts, documented by Schemas/merged.schema.json, written as run.json is (<see cref="RunJson.Options"/>):
/// camelCase, nulls omitted, NaN as null, enums as their documented strings.
/// </summary>
public static class MergedJson
{
    public const string FileName = "merged.json";

    /// <param name="mergedUtc">When the merge ran.</param>
    public static string Serialize(RunMerge merge, DateTimeOffset mergedUtc) => JsonSerializer.Serialize(new Document(
        MergedColumns.SchemaVersion, mergedUtc, MergedEntry.BestPointRule, merge.LatencyTargets, merge.Inputs, merge.Machines, merge.Entries,
        merge.Problems), RunJson.Options);

    private sealed record Document(
        int SchemaVersion,
        DateTimeOffset MergedUtc,
        string BestPointRule,
        MergeLatencyTargets LatencyTargets,
        IReadOnlyList<MergeInput> Inputs,
        IReadOnlyList<MergedMachine> Machines,
        IReadOnlyList<MergedEntry> Entries,
        IReadOnlyList<MergeProblem> Problems);
}
