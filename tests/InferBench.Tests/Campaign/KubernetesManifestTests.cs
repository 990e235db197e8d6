using InferBench.Campaign;
using InferBench.Tests.Support;
using k8s;
using k8s.Models;

namespace InferBench.Tests.Campaign;

/// <summary>
/// No cluster is reachable here: the generated objects are read into the official C# client's API models (generated
/// from the Kubernetes OpenAPI schema), strictly, so a field the API does not have is an error (the lenient reading
/// drops a misspelt "containerz" without a word), and what the campaign needs is checked on the typed objects.
/// </summary>
public sealed class KubernetesManifestTests
{
    [Fact]
    public void Each_machine_class_gets_an_Indexed_Job_with_a_completion_per_shard()
    {
        var objects = Generate(CampaignSamples.ThreeClassesTwoVariants());

        var jobs = objects.OfType<V1Job>().ToDictionary(job => job.Metadata.Name);
        Assert.Equal(["gpu-compare-h100", "gpu-compare-a100", "gpu-compare-epyc", "gpu-compare-merge"], jobs.Keys);
        foreach (var (name, first, count, gpus, selector) in new[]
                 {
                     ("gpu-compare-h100", 0, 2, "1", "nvidia-h100-80gb"),
                     ("gpu-compare-a100", 2, 1, "8", "p4d.24xlarge"),
                     ("gpu-compare-epyc", 3, 2, null, null),
                 })
        {
            var spec = jobs[name].Spec;
            Assert.Equal("Indexed", spec.CompletionMode);
            Assert.Equal(count, spec.Completions);
            Assert.Equal(count, spec.Parallelism);
            Assert.Equal(1, spec.BackoffLimitPerIndex);
            Assert.Equal(count, spec.MaxFailedIndexes);
            Assert.Equal("Failed", spec.PodReplacementPolicy);
            var pod = spec.Template.Spec;
            Assert.Equal("Never", pod.RestartPolicy);
            Assert.Equal("bench", jobs[name].Metadata.NamespaceProperty);
            var container = Assert.Single(pod.Containers);
            Assert.Equal("registry.example/inferbench:cuda", container.Image);
            var script = container.Command[^1];
            Assert.Contains($"--shard-index \"$(( {first} + JOB_COMPLETION_INDEX ))\" --shard-count 5 --out /results", script);
            if (gpus is null)
            {
                Assert.Null(container.Resources);
                Assert.Null(pod.NodeSelector);
            }
            else
            {
                Assert.Equal(new ResourceQuantity(gpus), container.Resources.Limits["nvidia.com/gpu"]);
                Assert.Contains(selector, pod.NodeSelector.Values);
            }
            Assert.Contains(pod.Volumes, volume => volume.PersistentVolumeClaim?.ClaimName == "inferbench-results");
        }
    }

    [Fact]
    public void The_merge_Job_waits_for_every_shard_Job_with_access_to_read_them_only()
    {
        var objects = Generate(CampaignSamples.ThreeClassesTwoVariants());

        var merge = objects.OfType<V1Job>().Single(job => job.Metadata.Name == "gpu-compare-merge").Spec.Template.Spec;
        var wait = Assert.Single(merge.InitContainers).Command[^1];
        Assert.Contains("for job in gpu-compare-h100 gpu-compare-a100 gpu-compare-epyc; do", wait);
        Assert.Contains("Complete|Failed", wait);
        Assert.Contains("campaign merge /tmp/campaign/campaign.json --results /results", Assert.Single(merge.Containers).Command[^1]);
        Assert.Equal("gpu-compare-merge", merge.ServiceAccountName);
        var rule = Assert.Single(objects.OfType<V1Role>().Single().Rules);
        Assert.Equal(["get"], rule.Verbs);
        Assert.Equal(["gpu-compare-h100", "gpu-compare-a100", "gpu-compare-epyc"], rule.ResourceNames);
        var binding = objects.OfType<V1RoleBinding>().Single();
        Assert.Equal(("gpu-compare-merge", "bench"), (binding.Subjects.Single().Name, binding.Subjects.Single().NamespaceProperty));
    }

    [Fact]
    public void The_ConfigMap_carries_the_campaign_and_its_manifest_side_by_side()
    {
        var configMap = Generate(CampaignSamples.TwoCpuShards()).OfType<V1ConfigMap>().Single();

        Assert.Equal("models.manifest.json", System.Text.Json.Nodes.JsonNode.Parse(configMap.Data["campaign.json"])!["manifest"]!.GetValue<string>());
        Assert.Equal(CampaignSamples.Manifest().ToJsonString(), configMap.Data["models.manifest.json"]);
    }

    [Fact]
    public void A_misspelt_field_is_rejected_though_the_lenient_reading_accepts_it()
    {
        using var folder = new TempFolder();
        var yaml = KubernetesManifests.Yaml(CampaignLoader.Load(CampaignSamples.Write(folder, CampaignSamples.TwoCpuShards())));
        var misspelt = ReplaceFirst(yaml, "      containers:\n", "      containerz:\n");

        var lenient = KubernetesYaml.LoadAllFromString(misspelt);
        var error = Record.Exception(() => KubernetesYaml.LoadAllFromString(misspelt, strict: true));

        Assert.Null(lenient.OfType<V1Job>().First().Spec.Template.Spec.Containers);
        Assert.NotNull(error);
        Assert.Contains("containerz", error.ToString());
    }

    [Fact]
    public void A_campaign_without_a_kubernetes_section_is_told_what_is_missing()
    {
        using var folder = new TempFolder();
        var campaign = CampaignSamples.TwoCpuShards();
        campaign.Remove("kubernetes");
        var file = CampaignSamples.Write(folder, campaign);

        var run = CliRun.Invoke("campaign", "k8s", file);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("campaign.json: $: missing field \"kubernetes\" (image and resultsClaim), which campaign k8s needs", run.Error);
    }

    [Fact]
    public void The_example_in_deploy_k8s_is_what_campaign_k8s_writes_for_the_example_campaign()
    {
        var example = RepoRoot.Combine("deploy", "k8s", "campaign.example.json");
        var generated = CliRun.Invoke("campaign", "k8s", example);

        Assert.Equal(0, generated.ExitCode);
        var checkedIn = RepoRoot.Combine("deploy", "k8s", "campaign.example.yaml");
        if (Environment.GetEnvironmentVariable("INFERBENCH_WRITE_GOLDEN") == "1")
            File.WriteAllText(checkedIn, generated.Out);
        Assert.True(File.ReadAllText(checkedIn) == generated.Out,
            "deploy/k8s/campaign.example.yaml is not what campaign k8s writes now: regenerate it with INFERBENCH_WRITE_GOLDEN=1 (deploy/k8s/README.md)");
        Assert.NotEmpty(KubernetesYaml.LoadAllFromString(generated.Out, strict: true));
    }

    /// <summary>The generated objects, read strictly into the API models.</summary>
    private static List<object> Generate(System.Text.Json.Nodes.JsonObject campaign)
    {
        using var folder = new TempFolder();
        var yaml = KubernetesManifests.Yaml(CampaignLoader.Load(CampaignSamples.Write(folder, campaign)));
        return KubernetesYaml.LoadAllFromString(yaml, strict: true);
    }

    private static string ReplaceFirst(string text, string old, string replacement)
    {
        var at = text.IndexOf(old, StringComparison.Ordinal);
        Assert.True(at >= 0, $"{old.Trim()} not in the generated YAML");
        return text[..at] + replacement + text[(at + old.Length)..];
    }
}
