namespace InferBench.Campaign;

/// <summary>
/// Splits a campaign into shards, the same way every time: machine classes in file order, each class's model variants
/// (file order) cut into its <c>shards</c> contiguous blocks of near-equal size, the larger blocks first. A shard index
/// therefore always names the same machine class and work, whichever scheduler launched it.
/// </summary>
public static class CampaignShards
{
    public static IReadOnlyList<CampaignShardPlan> Split(CampaignFile campaign, IReadOnlyList<CampaignWork> work)
    {
        var blocks = campaign.MachineClasses
            .SelectMany(machineClass => Blocks(work, machineClass.Shards ?? work.Count).Select(block => (machineClass, block)))
            .ToArray();
        return blocks.Select((shard, index) => new CampaignShardPlan(index, blocks.Length, shard.machineClass, shard.block)).ToArray();
    }

    /// <summary>The first shard of each class and its count, in class order.</summary>
    public static IEnumerable<(MachineClass Class, int First, int Count)> ByClass(IReadOnlyList<CampaignShardPlan> shards) =>
        shards.GroupBy(shard => shard.MachineClass.Id)
            .Select(group => (group.First().MachineClass, group.First().Index, group.Count()));

    private static IEnumerable<IReadOnlyList<CampaignWork>> Blocks(IReadOnlyList<CampaignWork> work, int count)
    {
        var start = 0;
        for (var block = 0; block < count; block++)
        {
            var size = work.Count / count + (block < work.Count % count ? 1 : 0);
            yield return work.Skip(start).Take(size).ToArray();
            start += size;
        }
    }
}
