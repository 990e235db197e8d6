using InferBench.Reports;
using InferBench.Results;

namespace InferBench.Campaign;

/// <summary>How a shard ended, judged from its newest complete run folder of the shard's work (else its newest of that work).</summary>
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
    /// <summary>Every run of the shard ran other work than the campaign file gives it now (the file changed since): not merged.</summary>
    Stale,
    /// <summary>No run folder: the shard never started, or died before its first save.</summary>
    Missing,
    /// <summary>Its newest run.json cannot be read or is another campaign's or shard's.</summary>
    Unreadable,
}

/// <param name="RunFolder">The shard's run folder the outcome is judged from; null when it has none.</param>
/// <param name="Detail">What the outcome rests on, in words.</param>
public sealed record ShardStatus(CampaignShardPlan Shard, ShardOutcome Outcome, string? RunFolder, string Detail)
{
    /// <summary>Whether the merge can take the shard's run folder (a failed or unfinished shard's rows still say what they are).</summary>
    public bool HasResults => RunFolder is not null && Outcome is not (ShardOutcome.Unreadable or ShardOutcome.Stale);

    /// <summary>
    /// Whether the shard measured what it was asked without a failure. A shard that measured nothing did not: in a
    /// campaign that is a variant its machine class cannot run, or one that was not downloaded.
    /// </summary>
    public bool Succeeded => Outcome == ShardOutcome.Ok;
}

/// <summary>
/// What each shard of a campaign left in the shared results folder: what the merge step reports before merging. A shard
/// counts the runs of the work the campaign file gives it now, complete before partial, then the newest (as
/// <c>inferbench merge</c> does), so a retry killed after a good run does not hide it; a run of other work is stale.
/// </summary>
public static class CampaignShardStatus
{
    public static IReadOnlyList<ShardStatus> Read(LoadedCampaign campaign, string resultsRoot) =>
        campaign.Shards.Select(shard => Of(campaign, shard, CampaignFolders.Shard(resultsRoot, campaign.Name, shard.Index))).ToArray();

    /// <summary>One run folder of the shard: its run, or why it does not count (unreadable, another shard's, other work).</summary>
    private sealed record Found(string Folder, RunResult? Run, ShardOutcome? Refused, string? Reason);

    private static ShardStatus Of(LoadedCampaign campaign, CampaignShardPlan shard, string shardFolder)
    {
        // Run ids begin with their UTC start time, so ordinal order is start order: newest first.
        var found = Directory.Exists(shardFolder)
            ? Directory.GetDirectories(shardFolder).Where(folder => File.Exists(Path.Combine(folder, RunJson.FileName)))
                .OrderDescending(StringComparer.Ordinal).Select(folder => Judge(campaign, shard, folder)).ToArray()
            : [];
        if (found.Length == 0)
            return new(shard, ShardOutcome.Missing, null, $"no run folder in {shardFolder}");
        var taken = found.Where(run => run.Refused is null).OrderByDescending(run => run.Run!.State == RunState.Complete).FirstOrDefault();
        if (taken is null)
        {
            var refused = found.FirstOrDefault(run => run.Refused == ShardOutcome.Stale) ?? found[0];
            return new(shard, refused.Refused!.Value, refused.Folder, refused.Reason!);
        }
        var notes = string.Concat(Changed(campaign, taken.Run!.Shard!), NewerNotTaken(found, taken));
        var run = taken.Run;
        var serving = run.Serving ?? [];
        var failed = run.Results.Count(row => row.Status == ResultStatus.Failed) + serving.Count(point => point.Status == ResultStatus.Failed);
        var ok = run.Results.Count(row => row.Status == ResultStatus.Ok) + serving.Count(point => point.Status == ResultStatus.Ok);
        var counts = $"{run.Results.Count} rows" + (serving.Count > 0 ? $" and {serving.Count} serving points" : "") + $": {ok} ok, {failed} failed";
        var firstFailure = run.Results.Where(row => row.Status == ResultStatus.Failed).Select(row => row.Reason)
            .Concat(serving.Where(point => point.Status == ResultStatus.Failed).Select(point => point.Reason)).FirstOrDefault();
        return run.State switch
        {
            not RunState.Complete => new(shard, ShardOutcome.Unfinished, taken.Folder, $"run.json state is {JsonEnumName.Of(run.State)}; {counts}{notes}"),
            _ when failed > 0 => new(shard, ShardOutcome.RowsFailed, taken.Folder, $"{counts}; first: {firstFailure}{notes}"),
            _ when ok == 0 => new(shard, ShardOutcome.NothingMeasured, taken.Folder, $"{counts}; every row unsupported or skipped{notes}"),
            _ => new(shard, ShardOutcome.Ok, taken.Folder, counts + notes),
        };
    }

    private static Found Judge(LoadedCampaign campaign, CampaignShardPlan shard, string folder)
    {
        RunResult run;
        try
        {
            run = Reports.RunFolder.Read(folder);
        }
        catch (InputException e)
        {
            return new(folder, null, ShardOutcome.Unreadable, e.Message);
        }
        if (run.Shard is not { } identity || identity.Campaign != campaign.Name || identity.Index != shard.Index)
            return new(folder, run, ShardOutcome.Unreadable, $"its run.json is not shard {shard.Index} of {shard.Count} of campaign {campaign.Name} ({Describe(run.Shard)})");
        if (identity.MachineClass != shard.MachineClass.Id || !identity.Work.SequenceEqual(shard.RecordedWork, StringComparer.Ordinal))
            return new(folder, run, ShardOutcome.Stale,
                $"it ran {WorkOf(identity.MachineClass, identity.Work)}, but the campaign file now gives shard {shard.Index} " +
                $"{WorkOf(shard.MachineClass.Id, shard.RecordedWork)} (the file changed since): not merged; run the shard again");
        return new(folder, run, null, null);
    }

    /// <summary>A note when the campaign file changed since the run without changing its work: fine, but said.</summary>
    private static string Changed(LoadedCampaign campaign, CampaignShard recorded)
    {
        var facts = new List<string>();
        if (recorded.CampaignSha256 is { } then && then != campaign.Sha256)
            facts.Add($"sha256 {then[..12]}… then, {campaign.Sha256[..12]}… now");
        if (recorded.Count != campaign.Shards.Count)
            facts.Add($"then of {recorded.Count} shards, now of {campaign.Shards.Count}");
        return facts.Count == 0 ? "" : $"; the campaign file changed since it ran ({string.Join(", ", facts)}), not this shard's work";
    }

    private static string NewerNotTaken(IReadOnlyList<Found> found, Found taken) => string.Concat(found.TakeWhile(run => run != taken).Select(run =>
        $"; newer {Path.GetFileName(run.Folder)} not taken: " + (run.Refused switch
        {
            ShardOutcome.Stale => "stale, other work",
            ShardOutcome.Unreadable => "unreadable or another shard's",
            _ => $"run.json state is {JsonEnumName.Of(run.Run!.State)}",
        })));

    private static string WorkOf(string machineClass, IReadOnlyList<string> work) => $"{machineClass}: {string.Join(", ", work)}";

    private static string Describe(CampaignShard? shard) => shard is null
        ? "it records no shard"
        : $"it records shard {shard.Index} of {shard.Count} of campaign {shard.Campaign}";
}
