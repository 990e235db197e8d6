namespace InferBench.Campaign;

/// <summary>A checked campaign file, where it and its manifest are, and its shards.</summary>
public sealed record LoadedCampaign(CampaignFile File, string FullPath, string ManifestFullPath, IReadOnlyList<CampaignShardPlan> Shards)
{
    public string Name => File.Name;
}

/// <summary>One model variant a shard runs.</summary>
public sealed record CampaignWork(string Model, string Variant)
{
    public override string ToString() => $"{Model}/{Variant}";
}

/// <summary>One shard: its index among all the campaign's shards, its machine class and its model variants.</summary>
public sealed record CampaignShardPlan(int Index, int Count, MachineClass MachineClass, IReadOnlyList<CampaignWork> Work);
