namespace InferBench.Results;

/// <summary>Which shard of which campaign a run was (<c>inferbench campaign run</c>); null for a plain run.</summary>
/// <param name="Campaign">The campaign file's <c>name</c>.</param>
/// <param name="Index">The shard's index, 0 to <paramref name="Count"/> - 1: the same index always runs the same work.</param>
/// <param name="Count">How many shards the campaign has.</param>
/// <param name="MachineClass">The machine class the shard was planned for (the campaign's <c>machineClasses[].id</c>).</param>
/// <param name="Work">The shard's model variants, "model/variant", in the order they were run: what <c>campaign status</c>
/// compares with the shard's work in the campaign file now, and what a retry supersedes a run by.</param>
/// <param name="CampaignSha256">Lowercase hex SHA-256 of the campaign file's bytes when the shard ran; null in runs from
/// before it was recorded.</param>
public sealed record CampaignShard(string Campaign, int Index, int Count, string MachineClass, IReadOnlyList<string> Work, string? CampaignSha256 = null);
