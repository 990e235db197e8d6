using System.Security.Cryptography;
using System.Text.Json.Nodes;
using InferBench.Campaign;
using InferBench.Cli;
using InferBench.Reports;
using InferBench.Tests.Support;

namespace InferBench.Tests.Campaign;

/// <summary>A campaign file changed after shards ran: a run of other work than the shard's now is stale, a retry killed after a good run does not hide it.</summary>
public sealed class CampaignChangeTests
{
    [Fact]
    public void After_the_variants_are_reordered_the_old_shard_run_is_stale_and_campaign_merge_leaves_it_out()
    {
        using var folder = new TempFolder();
        var campaign = CampaignSamples.TwoCpuShards();
        var file = CampaignSamples.Write(folder, campaign);
        var results = folder.Combine("results");
        var before = Sha256(file);
        Assert.Equal(ExitCodes.AllOk, CliRun.Invoke("campaign", "run", file, "--shard-index", "1", "--shard-count", "2", "--out", results).ExitCode);
        // Shard 1 ran tiny/int8; reordered, shard 0 means int8 and shard 1 fp32.
        campaign["models"] = JsonNode.Parse("""[ { "model": "tiny", "variants": ["int8", "fp32"] } ]""");
        File.WriteAllText(file, campaign.ToJsonString());
        Assert.Equal(ExitCodes.AllOk, CliRun.Invoke("campaign", "run", file, "--shard-index", "0", "--shard-count", "2", "--out", results).ExitCode);

        var status = CliRun.Invoke("campaign", "status", file, "--results", results);
        var merge = CliRun.Invoke("campaign", "merge", file, "--results", results);

        var staleRun = RunFolder.Read(Assert.Single(Directory.GetDirectories(CampaignFolders.Shard(results, "tiny-cpu", 1))));
        Assert.Equal(before, staleRun.Shard!.CampaignSha256);
        Assert.Equal(ExitCodes.SomeRowsFailed, status.ExitCode);
        Assert.Contains("shard 0 (cpu: tiny/int8): ok: 1 rows: 1 ok, 0 failed [", status.Out);
        Assert.Contains("shard 1 (cpu: tiny/fp32): stale: it ran cpu: tiny/int8, but the campaign file now gives shard 1 cpu: tiny/fp32 " +
                        "(the file changed since): not merged; run the shard again", status.Out);
        Assert.Contains("1 of 2 shards did not succeed: 1", status.Out);
        Assert.Equal(ExitCodes.SomeRowsFailed, merge.ExitCode);
        var merged = JsonNode.Parse(File.ReadAllText(Path.Combine(CampaignFolders.Merged(results, "tiny-cpu"), "merged.json")))!;
        Assert.Single(merged["inputs"]!.AsArray());
        Assert.Equal(2, File.ReadAllLines(Path.Combine(CampaignFolders.Merged(results, "tiny-cpu"), "results.csv")).Length);
    }

    [Fact]
    public void A_changed_campaign_file_that_gives_the_shard_the_same_work_is_fine_but_noted()
    {
        using var folder = new TempFolder();
        var campaign = CampaignSamples.TwoCpuShards();
        var file = CampaignSamples.Write(folder, campaign);
        var results = folder.Combine("results");
        Assert.Equal(ExitCodes.AllOk, CliRun.Invoke("campaign", "run", file, "--shard-index", "0", "--shard-count", "2", "--out", results).ExitCode);
        var before = Sha256(file);
        campaign["kubernetes"]!["image"] = "registry.example/inferbench:newer";
        File.WriteAllText(file, campaign.ToJsonString());

        var shard0 = CampaignShardStatus.Read(CampaignLoader.Load(file), results)[0];

        Assert.Equal(ShardOutcome.Ok, shard0.Outcome);
        Assert.True(shard0.HasResults);
        Assert.EndsWith($"; the campaign file changed since it ran (sha256 {before[..12]}… then, {Sha256(file)[..12]}… now), not this shard's work",
            shard0.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_retry_killed_after_a_complete_run_does_not_hide_it()
    {
        using var folder = new TempFolder();
        var file = CampaignSamples.Write(folder, CampaignSamples.TwoCpuShards());
        var results = folder.Combine("results");
        Assert.Equal(ExitCodes.AllOk, CliRun.Invoke("campaign", "run", file, "--shard-index", "0", "--shard-count", "2", "--out", results).ExitCode);
        var complete = Assert.Single(Directory.GetDirectories(CampaignFolders.Shard(results, "tiny-cpu", 0)));
        // The retry started later and was killed: its run.json says in-progress.
        var killed = Path.Combine(CampaignFolders.Shard(results, "tiny-cpu", 0), "20990101-000000-000000");
        Directory.CreateDirectory(killed);
        var runJson = JsonNode.Parse(File.ReadAllText(Path.Combine(complete, RunJson.FileName)))!;
        runJson["state"] = "in-progress";
        File.WriteAllText(Path.Combine(killed, RunJson.FileName), runJson.ToJsonString());

        var shard0 = CampaignShardStatus.Read(CampaignLoader.Load(file), results)[0];

        Assert.Equal(ShardOutcome.Ok, shard0.Outcome);
        Assert.Equal(complete, shard0.RunFolder);
        Assert.EndsWith("; newer 20990101-000000-000000 not taken: run.json state is in-progress", shard0.Detail, StringComparison.Ordinal);
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
