using InferBench.Configuration;
using InferBench.Cost.Citations;
using InferBench.Cost.Units;
using InferBench.Fetch;
using InferBench.Manifest;
using InferBench.Results;
using InferBench.Runner;

namespace InferBench.Campaign;

/// <summary>One shard made ready to run: the run's configuration and the shard's targets, from the campaign file alone.</summary>
public sealed record CampaignShardRun(CampaignShardPlan Shard, RunConfiguration Configuration, IReadOnlyList<BenchmarkTarget> Targets)
{
    public const string ShardIndexField = "ShardIndex";
    public const string ShardCountField = "ShardCount";

    /// <summary>The shard's Hugging Face and checkpoint variants that are not in the fetch cache yet: a fresh node downloads them before it runs.</summary>
    /// <remarks>An index out of range has none; <see cref="Prepare"/> refuses it.</remarks>
    public static IReadOnlyList<CampaignWork> NotDownloaded(LoadedCampaign campaign, int index, FetchCache? cache = null)
    {
        if (index < 0 || index >= campaign.Shards.Count)
            return [];
        var manifest = ManifestLoader.Load(campaign.ManifestFullPath);
        return campaign.Shards[index].Work.Where(work =>
        {
            var model = manifest.Models.First(m => m.Id == work.Model);
            var variant = model.Variants.First(v => v.Id == work.Variant);
            return variant.Source is HuggingFaceModelSource or CheckpointModelSource && TargetSelection.Availability(model, variant, cache) is not null;
        }).ToArray();
    }

    /// <summary>Refuses an index out of range or a count that is not the campaign's, before anything is fetched or run.</summary>
    /// <exception cref="InputFieldException">The index is out of range or the count is not the campaign's.</exception>
    public static void Check(LoadedCampaign campaign, int index, int count)
    {
        if (count != campaign.Shards.Count)
            throw new InputFieldException([ShardCountField],
                $"{Path.GetFileName(campaign.FullPath)} has {campaign.Shards.Count} shards (inferbench campaign plan lists them), got {count}");
        if (index < 0 || index >= count)
            throw new InputRangeException([ShardIndexField], $"a whole number from 0 to {count - 1}", index.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The shard <paramref name="index"/> of <paramref name="campaign"/>, checked against the count its launcher was given.</summary>
    /// <param name="count">The shard count the scheduler was told; it must be the campaign's, or the launcher and the file disagree.</param>
    /// <param name="resultsRoot">The shared results folder; the run folder goes to its <see cref="CampaignFolders.Shard"/> folder.</param>
    /// <exception cref="InputFieldException">The index is out of range or the count is not the campaign's.</exception>
    public static CampaignShardRun Prepare(LoadedCampaign campaign, int index, int count, string resultsRoot, HostFacts host,
        DateTimeOffset startedUtc, string commandLine)
    {
        Check(campaign, index, count);
        var shard = campaign.Shards[index];
        var file = campaign.File;
        var plan = CampaignLoader.RunPlan(file.Plan, shard.MachineClass);
        var utilization = file.Plan.Utilization is { } fraction
            ? new Cited<Utilization>(new(fraction), Citation.Given($"{Path.GetFileName(campaign.FullPath)}: plan.utilization"))
            : new Cited<Utilization>(Utilization.Full, Citation.Default("busy every paid hour; set the campaign's plan.utilization"));
        var configuration = RunConfigurationFactory.Create(new RunInputs(plan, utilization, CampaignFolders.Shard(resultsRoot, campaign.Name, index), startedUtc, commandLine)
        {
            IdleSeconds = file.Plan.IdleSeconds,
            Instance = shard.MachineClass.Instance,
            Fidelity = file.Plan.Fidelity,
            Shard = new CampaignShard(campaign.Name, index, count, shard.MachineClass.Id, shard.RecordedWork, campaign.Sha256),
        }, host);

        // Every variant of the manifest, then only the shard's, in the shard's order: an absent one becomes a skipped row saying why.
        var all = TargetSelection.FromManifest(campaign.ManifestFullPath, [], []);
        var targets = shard.Work.Select(work => all.First(target => target.Model == work.Model && target.Variant == work.Variant)).ToArray();
        return new CampaignShardRun(shard, configuration, targets);
    }
}
