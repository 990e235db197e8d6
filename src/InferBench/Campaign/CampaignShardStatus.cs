using InferBench.Reports;
using InferBench.Results;

namespace InferBench.Campaign;

/// <summary>How a shard ended, judged from its newest run folder.</summary>
public enum ShardOutcome
{
    /// <summary>At least one row measured and none failed.</summary>
    Ok,
    /// <summary>Finished with no row measured and none failed: every row unsupported or skipped (they say why).</summary>
    NothingMeasured,
    /// <summary>At least one row failed; the folder holds them with their reasons.</summary>
    RowsFailed,
    /// <summary>Cut off (killed, timed out, a crash), cancelled, or its save failed: the folder holds what was saved.</summary>
    Unfinished,
    /// <summary>No run folder: the shard never started, or died before its first save.</summary>
    Missing,
    /// <summary>Its newest run.json cannot be read or is another campaign's or shard's.</summary>
    Unreadable,
}

/// <param name="RunFolder">The shard's newest run folder; null when it has none.</param>
/// <param name="Detail">What the outcome rests on, in words.</param>
public sealed record ShardStatus(CampaignShardPlan Shard, ShardOutcome Outcome, string? RunFolder, string Detail)
{
    /// <summary>Whether the merge can take the shard's run folder (a failed or unfinished shard's rows still say what they are).</summary>
    public bool HasResults => RunFolder is not null && Outcome != ShardOutcome.Unreadable;

    /// <summary>
    /// Whether the shard measured what it was asked without a failure. A shard that measured nothing did not: in a
    /// campaign that is a variant its machine class cannot run, or one that was not downloaded.
    /// </summary>
    public bool Succeeded => Outcome == ShardOutcome.Ok;
}

/// <summary>What each shard of a campaign left in the shared results folder: what the merge step reports before merging.</summary>
public static class CampaignShardStatus
{
    public static IReadOnlyList<ShardStatus> Read(LoadedCampaign campaign, string resultsRoot) =>
        campaign.Shards.Select(shard => Of(campaign, shard, CampaignFolders.Shard(resultsRoot, campaign.Name, shard.Index))).ToArray();

    private static ShardStatus Of(LoadedCampaign campaign, CampaignShardPlan shard, string shardFolder)
    {
        // Run ids begin with their UTC start time, so the last in ordinal order is the newest: a retry's.
        var newest = Directory.Exists(shardFolder)
            ? Directory.GetDirectories(shardFolder).Where(folder => File.Exists(Path.Combine(folder, RunJson.FileName))).Order(StringComparer.Ordinal).LastOrDefault()
            : null;
        if (newest is null)
            return new(shard, ShardOutcome.Missing, null, $"no run folder in {shardFolder}");
        RunResult run;
        try
        {
            run = Reports.RunFolder.Read(newest);
        }
        catch (InputException e)
        {
            return new(shard, ShardOutcome.Unreadable, newest, e.Message);
        }
        if (run.Shard is not { } identity || identity.Campaign != campaign.Name || identity.Index != shard.Index || identity.Count != shard.Count)
            return new(shard, ShardOutcome.Unreadable, newest,
                $"its run.json is not shard {shard.Index} of {shard.Count} of campaign {campaign.Name} ({Describe(run.Shard)})");
        var failed = run.Results.Count(row => row.Status == ResultStatus.Failed);
        var ok = run.Results.Count(row => row.Status == ResultStatus.Ok);
        var counts = $"{run.Results.Count} rows: {ok} ok, {failed} failed";
        return run.State switch
        {
            not RunState.Complete => new(shard, ShardOutcome.Unfinished, newest, $"run.json state is {JsonEnumName.Of(run.State)}; {counts}"),
            _ when failed > 0 => new(shard, ShardOutcome.RowsFailed, newest, $"{counts}; first: {run.Results.First(row => row.Status == ResultStatus.Failed).Reason}"),
            _ when ok == 0 => new(shard, ShardOutcome.NothingMeasured, newest, $"{counts}; every row unsupported or skipped"),
            _ => new(shard, ShardOutcome.Ok, newest, counts),
        };
    }

    private static string Describe(CampaignShard? shard) => shard is null
        ? "it records no shard"
        : $"it records shard {shard.Index} of {shard.Count} of campaign {shard.Campaign}";
}
