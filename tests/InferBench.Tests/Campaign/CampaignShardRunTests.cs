using System.Text.Json.Nodes;
using InferBench.Campaign;
using InferBench.Cli;
using InferBench.Reports;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Campaign;

public sealed class CampaignShardRunTests
{
    [Fact]
    public void A_shard_writes_an_ordinary_run_folder_with_its_identity_and_only_its_work()
    {
        using var folder = new TempFolder();
        var file = CampaignSamples.Write(folder, CampaignSamples.TwoCpuShards());

        var run = CliRun.Invoke("campaign", "run", file, "--shard-index", "1", "--shard-count", "2", "--out", folder.Combine("results"), "--json");

        Assert.True(run.ExitCode == ExitCodes.AllOk, run.Error);
        var runJson = run.Out.Trim();
        Assert.StartsWith(folder.Combine("results", "tiny-cpu", "shard-1") + Path.DirectorySeparatorChar, runJson);
        var result = RunFolder.Read(Path.GetDirectoryName(runJson)!);
        Assert.Equal(("tiny-cpu", 1, 2, "cpu"), (result.Shard!.Campaign, result.Shard.Index, result.Shard.Count, result.Shard.MachineClass));
        Assert.Equal(["tiny/int8"], result.Shard.Work);
        Assert.Equal(["int8"], result.Results.Select(row => row.Variant));
        Assert.Equal(ResultStatus.Ok, Assert.Single(result.Results).Status);
        Assert.Equal(ExecutionProvider.Cpu, result.Plan.ExecutionProvider);
        Assert.StartsWith("inferbench campaign run ", result.CommandLine);
        Assert.Empty(RunSchema.Errors(File.ReadAllText(runJson)));
    }

    [Fact]
    public void A_shard_whose_rows_fail_still_leaves_its_run_folder_and_status_reports_it()
    {
        using var folder = new TempFolder();
        var campaign = CampaignSamples.TwoCpuShards();
        campaign["models"] = JsonNode.Parse("""[ { "model": "tiny", "variants": ["fp32"] }, { "model": "broken", "variants": ["cpu"] } ]""");
        var file = CampaignSamples.Write(folder, campaign);
        var results = folder.Combine("results");

        var failed = CliRun.Invoke("campaign", "run", file, "--shard-index", "1", "--shard-count", "2", "--out", results);
        var status = CliRun.Invoke("campaign", "status", file, "--results", results);

        Assert.Equal(ExitCodes.SomeRowsFailed, failed.ExitCode);
        var runFolder = Assert.Single(Directory.GetDirectories(CampaignFolders.Shard(results, "tiny-cpu", 1)));
        Assert.Equal(ResultStatus.Failed, Assert.Single(RunFolder.Read(runFolder).Results).Status);
        Assert.Equal(ExitCodes.SomeRowsFailed, status.ExitCode);
        Assert.Contains("shard 0 (cpu: tiny/fp32): missing: no run folder", status.Out);
        Assert.Contains("shard 1 (cpu: broken/cpu): rows failed: 1 rows: 0 ok, 1 failed", status.Out);
        Assert.Contains("2 of 2 shards did not succeed: 0, 1", status.Out);
    }

    [Fact]
    public void The_newest_run_folder_of_a_retried_shard_counts_and_a_foreign_one_is_named()
    {
        using var folder = new TempFolder();
        var file = CampaignSamples.Write(folder, CampaignSamples.TwoCpuShards());
        var results = folder.Combine("results");
        Assert.Equal(ExitCodes.AllOk, CliRun.Invoke("campaign", "run", file, "--shard-index", "0", "--shard-count", "2", "--out", results).ExitCode);
        var shard0 = CampaignFolders.Shard(results, "tiny-cpu", 0);
        // A retry that was cut off before this one started (an older run id) does not hide it.
        var older = Path.Combine(shard0, "20000101-000000-000000");
        Directory.CreateDirectory(older);
        File.WriteAllText(Path.Combine(older, RunJson.FileName), "{ cut off");
        // Shard 1's folder holds shard 0's run, copied by mistake.
        CopyFolder(Directory.GetDirectories(shard0).Max(StringComparer.Ordinal)!, Path.Combine(CampaignFolders.Shard(results, "tiny-cpu", 1), "20990101-000000-000000"));

        var statuses = CampaignShardStatus.Read(CampaignLoader.Load(file), results);

        Assert.Equal(ShardOutcome.Ok, statuses[0].Outcome);
        Assert.NotEqual(older, statuses[0].RunFolder);
        Assert.Equal(ShardOutcome.Unreadable, statuses[1].Outcome);
        Assert.Contains("not shard 1 of 2 of campaign tiny-cpu (it records shard 0 of 2 of campaign tiny-cpu)", statuses[1].Detail);
    }

    [Fact]
    public void A_count_other_than_the_campaigns_is_bad_input_named_by_its_option()
    {
        using var folder = new TempFolder();
        var file = CampaignSamples.Write(folder, CampaignSamples.TwoCpuShards());

        var run = CliRun.Invoke("campaign", "run", file, "--shard-index", "0", "--shard-count", "4", "--out", folder.Combine("results"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("inferbench: --shard-count: campaign.json has 2 shards (inferbench campaign plan lists them), got 4", run.Error);
        Assert.False(Directory.Exists(folder.Combine("results")));
        run.AssertNoStackTrace();
    }

    [Theory]
    [InlineData("0", "4", "--shard-count")]
    [InlineData("-1", "2", "--shard-index")]
    [InlineData("2", "2", "--shard-index")]
    public void A_wrong_index_or_count_is_refused_before_any_variant_is_fetched(string index, string count, string option)
    {
        using var folder = new TempFolder();
        var file = CampaignSamples.Write(folder, CampaignSamples.TwoCpuShards());
        // Both shards hold a Hugging Face variant that is not in the fetch cache: a fresh node would download it first.
        var manifest = CampaignSamples.Manifest();
        manifest["models"]!.AsArray().Add(JsonNode.Parse("""
            { "id": "hub", "description": "a hub model never downloaded", "variants": [
              { "id": "cpu", "precision": "int4", "executionProviders": ["cpu"],
                "source": { "huggingface": { "repo": "acme/never-fetched", "revision": "main" } }, "files": [ { "path": "model.onnx" } ] } ] }
            """));
        File.WriteAllText(folder.Combine(CampaignSamples.ManifestFile), manifest.ToJsonString());
        var campaign = CampaignSamples.TwoCpuShards();
        campaign["models"] = JsonNode.Parse("""[ { "model": "hub", "variants": ["cpu"] }, { "model": "tiny", "variants": ["fp32"] } ]""");
        File.WriteAllText(file, campaign.ToJsonString());

        var run = CliRun.Invoke("campaign", "run", file, "--shard-index", index, "--shard-count", count, "--out", folder.Combine("results"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.StartsWith($"inferbench: {option}: ", run.Error);
        Assert.DoesNotContain("Fetching", run.Error);
        Assert.False(Directory.Exists(folder.Combine("results")));
        run.AssertNoStackTrace();
    }

    [Fact]
    public void Plan_prints_the_shards_and_one_line_per_class_for_scripts()
    {
        using var folder = new TempFolder();
        var file = CampaignSamples.Write(folder, CampaignSamples.ThreeClassesTwoVariants());

        var table = CliRun.Invoke("campaign", "plan", file);
        var tsv = CliRun.Invoke("campaign", "plan", file, "--format", "tsv");
        var json = JsonNode.Parse(CliRun.Invoke("campaign", "plan", file, "--format", "json").Out)!;

        Assert.Contains("5 shards: inferbench campaign run", table.Out);
        Assert.Equal(["h100\t0\t2\t1\th100", "a100\t2\t1\t8\ta100", "epyc\t3\t2\t0\t-"], tsv.Out.TrimEnd().Split('\n'));
        Assert.Equal(5, json["shardCount"]!.GetValue<int>());
        Assert.Equal("tiny/int8", json["shards"]![4]!["work"]![0]!.GetValue<string>());
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }
}
