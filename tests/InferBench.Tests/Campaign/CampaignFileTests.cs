using System.Text.Json.Nodes;
using InferBench.Campaign;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Campaign;

public sealed class CampaignFileTests
{
    [Fact]
    public void Three_machine_classes_by_two_variants_split_into_the_same_shards_every_time()
    {
        using var folder = new TempFolder();
        var path = CampaignSamples.Write(folder, CampaignSamples.ThreeClassesTwoVariants());

        var shards = CampaignLoader.Load(path).Shards;

        // h100: one shard per variant (the default); a100: "shards": 1; epyc: one per variant.
        Assert.Equal(
            ["0 h100 tiny/fp32", "1 h100 tiny/int8", "2 a100 tiny/fp32,tiny/int8", "3 epyc tiny/fp32", "4 epyc tiny/int8"],
            shards.Select(shard => $"{shard.Index} {shard.MachineClass.Id} {string.Join(",", shard.Work)}"));
        Assert.All(shards, shard => Assert.Equal(5, shard.Count));
        Assert.Equal(shards.Select(Describe), CampaignLoader.Load(path).Shards.Select(Describe));
    }

    [Fact]
    public void Blocks_of_work_differ_in_size_by_at_most_one_and_keep_file_order()
    {
        using var folder = new TempFolder();
        var campaign = CampaignSamples.TwoCpuShards();
        campaign["models"] = JsonNode.Parse("""[ { "model": "tiny", "variants": ["fp32", "int8"] }, { "model": "broken", "variants": ["cpu"] } ]""");
        campaign["machineClasses"]![0]!["shards"] = 2;

        var shards = CampaignLoader.Load(CampaignSamples.Write(folder, campaign)).Shards;

        Assert.Equal(["tiny/fp32,tiny/int8", "broken/cpu"], shards.Select(shard => string.Join(",", shard.Work)));
    }

    [Fact]
    public void A_class_with_GPUs_runs_on_CUDA_and_one_without_on_the_CPU()
    {
        var plan = new CampaignPlan();
        Assert.Equal(ExecutionProvider.Cuda, CampaignLoader.RunPlan(plan, new MachineClass("h100", 1)).ExecutionProvider);
        Assert.Equal(ExecutionProvider.Cpu, CampaignLoader.RunPlan(plan, new MachineClass("epyc", 0)).ExecutionProvider);
    }

    public static TheoryData<string, string, string> Mistakes => new()
    {
        // What to change (a JSON path and the new value as JSON), and the message expected.
        { "machineClasses[0].gpus", "1", "$.machineClasses[0]: unknown field \"gpus\" (allowed: id, gpuCount, instance, shards, slurm, kubernetes)" },
        { "machineClasses[0].gpuCount", "\"one\"", "$.machineClasses[0].gpuCount: expected an integer, got \"one\"" },
        { "machineClasses[0].gpuCount", "-1", "$.machineClasses[0].gpuCount: expected 0 or more, got -1" },
        { "machineClasses[0].id", "\"H100 80GB\"", "$.machineClasses[0].id: expected a string matching" },
        { "machineClasses[0].instance", "\"aws-p9\"", "$.machineClasses[0].instance: no GPU instance \"aws-p9\" in the pricing catalog (known: " },
        { "machineClasses[0].shards", "3", "$.machineClasses[0].shards: expected at most 2 (the campaign's model variants; a shard runs at least one), got 3" },
        { "models[0].model", "\"llama\"", "$.models[0].model: no model \"llama\" in models.manifest.json (known: tiny, broken)" },
        { "models[0].variants[1]", "\"int3\"", "$.models[0].variants[1]: no variant \"int3\" of tiny in models.manifest.json (known: fp32, int8)" },
        { "plan.genTokens", "[1]", "$.plan.genTokens[0]: expected 2 or more, got 1" },
        { "plan.reps", "0", "$.plan.reps: expected 1 or more, got 0" },
        { "plan.idleSeconds", "1e400", "$.plan.idleSeconds: expected 3600 or less" },
        { "plan.batchSizes", "[2147483647]", "$.plan.batchSizes: batchSizes, promptTokens, genTokens: expected batch x (prompt + gen) of at most 2147483647 tokens" },
        { "name", "\"Tiny CPU\"", "$.name: expected a string matching" },
        { "schemaVersion", "2", "$.schemaVersion: expected 1, got 2" },
        { "manifest", "\".\"", "$.manifest: expected a manifest file, got the folder " },
        { "manifest", "\"nowhere.json\"", "$.manifest: expected a manifest file, found none at " },
        { "kubernetes.resultsClaim", "null", "$.kubernetes.resultsClaim: expected a string, got null" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void A_mistake_is_named_by_file_JSON_path_and_what_was_expected(string path, string value, string expected)
    {
        using var folder = new TempFolder();
        var campaign = CampaignSamples.TwoCpuShards();
        Set(campaign, path, JsonNode.Parse(value));
        var file = CampaignSamples.Write(folder, campaign);

        var error = Assert.ThrowsAny<InputException>(() => CampaignLoader.Load(file));

        Assert.Contains($"campaign.json: {expected}", error.Message);
    }

    [Fact]
    public void Two_classes_of_one_id_are_refused_where_the_second_is()
    {
        using var folder = new TempFolder();
        var campaign = CampaignSamples.TwoCpuShards();
        campaign["machineClasses"]!.AsArray().Add(JsonNode.Parse("""{ "id": "cpu", "gpuCount": 0 }"""));

        var error = Assert.Throws<InputException>(() => CampaignLoader.Load(CampaignSamples.Write(folder, campaign)));

        Assert.Contains("campaign.json: $.machineClasses[1].id: duplicate id \"cpu\" (also at $.machineClasses[0].id)", error.Message);
    }

    [Fact]
    public void A_shard_is_priced_at_its_machine_class_catalog_instance_and_records_its_identity()
    {
        using var folder = new TempFolder();
        var campaign = CampaignLoader.Load(CampaignSamples.Write(folder, CampaignSamples.ThreeClassesTwoVariants()));
        var host = new HostFacts("linux", "x64", "test cpu", 2, null, []);

        var a100 = CampaignShardRun.Prepare(campaign, 2, 5, folder.Path, host, DateTimeOffset.UnixEpoch, "test");
        var epyc = CampaignShardRun.Prepare(campaign, 4, 5, folder.Path, host, DateTimeOffset.UnixEpoch, "test");

        var instance = InferBench.Cost.Catalog.PricingCatalogLoader.Embedded.GpuInstances.Single(entry => entry.Id == "aws-p4d.24xlarge");
        Assert.Equal(instance.Price.Value, a100.Configuration.Cost!.PriceUsdPerHour!.Value);
        Assert.Equal(ExecutionProvider.Cuda, a100.Configuration.Plan.ExecutionProvider);
        Assert.Equal(["fp32", "int8"], a100.Targets.Select(target => target.Variant));
        Assert.Equal(new CampaignShard("gpu-compare", 2, 5, "a100", a100.Configuration.Output.Shard!.Work,
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(campaign.FullPath)))), a100.Configuration.Output.Shard);
        Assert.Equal(["tiny/fp32", "tiny/int8"], a100.Configuration.Output.Shard.Work);
        Assert.Null(epyc.Configuration.Cost!.PriceUsdPerHour);
        Assert.Equal(ExecutionProvider.Cpu, epyc.Configuration.Plan.ExecutionProvider);
        Assert.Equal(folder.Combine("gpu-compare", "shard-4"), epyc.Configuration.Output.ResultsFolder);
    }

    [Fact]
    public void A_model_listed_twice_is_refused_where_the_second_is()
    {
        using var folder = new TempFolder();
        var campaign = CampaignSamples.TwoCpuShards();
        campaign["models"]!.AsArray().Add(JsonNode.Parse("""{ "model": "tiny", "variants": ["int8"] }"""));

        var error = Assert.Throws<InputException>(() => CampaignLoader.Load(CampaignSamples.Write(folder, campaign)));

        Assert.Contains("campaign.json: $.models[1].model: duplicate model \"tiny\" (also at $.models[0].model)", error.Message);
    }

    [Fact]
    public void The_shard_count_a_launcher_was_given_must_be_the_campaigns()
    {
        using var folder = new TempFolder();
        var campaign = CampaignLoader.Load(CampaignSamples.Write(folder, CampaignSamples.TwoCpuShards()));
        var host = new HostFacts("linux", "x64", "test cpu", 2, null, []);

        var count = Assert.Throws<InputFieldException>(() => CampaignShardRun.Prepare(campaign, 0, 3, folder.Path, host, DateTimeOffset.UnixEpoch, "test"));
        var index = Assert.ThrowsAny<InputFieldException>(() => CampaignShardRun.Prepare(campaign, 2, 2, folder.Path, host, DateTimeOffset.UnixEpoch, "test"));

        Assert.Equal([CampaignShardRun.ShardCountField], count.Fields);
        Assert.Contains("campaign.json has 2 shards", count.Message);
        Assert.Equal([CampaignShardRun.ShardIndexField], index.Fields);
        Assert.Contains("a whole number from 0 to 1, got 2", index.Message);
    }

    private static string Describe(CampaignShardPlan shard) => $"{shard.Index}/{shard.Count} {shard.MachineClass.Id} {string.Join(",", shard.Work)}";

    /// <summary>Sets a value at a simple path such as "machineClasses[0].gpuCount" or "models[0].variants[1]".</summary>
    private static void Set(JsonObject root, string path, JsonNode? value)
    {
        JsonNode node = root;
        var steps = path.Replace("]", "").Split('.').SelectMany(part => part.Split('[')).ToArray();
        foreach (var step in steps[..^1])
            node = int.TryParse(step, out var i) ? node[i]! : node[step]!;
        if (int.TryParse(steps[^1], out var index))
            node[index] = value;
        else
            node[steps[^1]] = value;
    }
}
