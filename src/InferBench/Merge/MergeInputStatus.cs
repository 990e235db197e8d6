using System.Text.Json.Serialization;

namespace InferBench.Merge;

/// <summary>What the merge did with one run folder it found.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MergeInputStatus>))]
public enum MergeInputStatus
{
    /// <summary>Its rows are in the merged files.</summary>
    [JsonStringEnumMemberName("merged")] Merged,
    /// <summary>The same run (run id) as a merged folder: a copy, left out so nothing is counted twice.</summary>
    [JsonStringEnumMemberName("duplicate")] Duplicate,
    /// <summary>Another run of the same campaign shard work (a retry) was kept: complete before partial, then the newest.</summary>
    [JsonStringEnumMemberName("superseded")] Superseded,
    /// <summary>Its run.json is missing, corrupted or of a version this build does not read.</summary>
    [JsonStringEnumMemberName("unreadable")] Unreadable,
}
