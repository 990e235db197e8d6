namespace InferBench.Campaign;

/// <summary>A checked campaign file, where it and its manifest are, its shards and the SHA-256 of the bytes read.</summary>
/// <param name="Sha256">Lowercase hex SHA-256 of the campaign file, recorded in each shard's run.json.</param>
public sealed record LoadedCampaign(CampaignFile File, string FullPath, string ManifestFullPath, IReadOnlyList<CampaignShardPlan> Shards, string Sha256)
{
    public string Name => File.Name;
}

/// <summary>One model variant a shard runs.</summary>
public sealed record CampaignWork(string Model, string Variant)
{
    public override string ToString() => $"{Model}/{Variant}";
}

/// <summary>One shard: its index among all the campaign's shards, its machine class and its model variants.</summary>
public sealed record CampaignShardPlan(int Index, int Count, MachineClass MachineClass, IReadOnlyList<CampaignWork> Work)
{
    /// <summary>The work as a run.json records it (<see cref="Results.CampaignShard.Work"/>): "model/variant", in order.</summary>
    public IReadOnlyList<string> RecordedWork => [.. Work.Select(work => work.ToString())];
}
