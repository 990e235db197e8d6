using System.Diagnostics;
using InferBench.Campaign;
using InferBench.Tests.Support;
using k8s;
using k8s.Models;

namespace InferBench.Tests.Campaign;

/// <summary>
/// Shards of a campaign must not share a node (they would measure each other), and the merge Job must not wait for
/// ever on a shard Job that never ends. The wait script is run here with a fake kubectl, date and sleep.
/// </summary>
public sealed class KubernetesIsolationTests
{
    [Fact]
    public void Every_shard_pod_refuses_a_node_that_runs_another_shard_of_the_campaign()
    {
        var jobs = Generate(CampaignSamples.ThreeClassesTwoVariants()).OfType<V1Job>().ToArray();

        foreach (var job in jobs.Where(j => j.Metadata.Name != KubernetesManifests.MergeJobName("gpu-compare")))
        {
            var pod = job.Spec.Template;
            var term = Assert.Single(pod.Spec.Affinity.PodAntiAffinity.RequiredDuringSchedulingIgnoredDuringExecution);
            Assert.Equal("kubernetes.io/hostname", term.TopologyKey);
            var selected = term.LabelSelector.MatchLabels;
            Assert.Equal(new Dictionary<string, string> { ["inferbench/campaign"] = "gpu-compare", ["inferbench/role"] = "shard" }, selected);
            Assert.All(selected, label => Assert.Equal(label.Value, pod.Metadata.Labels[label.Key]));
        }
    }

    [Fact]
    public void The_merge_pod_is_not_a_shard_so_it_never_keeps_a_shard_off_its_node()
    {
        var merge = Generate(CampaignSamples.ThreeClassesTwoVariants()).OfType<V1Job>()
            .Single(j => j.Metadata.Name == KubernetesManifests.MergeJobName("gpu-compare")).Spec.Template;

        Assert.False(merge.Metadata.Labels.ContainsKey("inferbench/role"));
        Assert.Null(merge.Spec.Affinity);
    }

    [SkippableFact]
    public void The_merge_wait_gives_up_at_its_deadline_and_says_which_job_and_setting()
    {
        var campaign = CampaignSamples.TwoCpuShards();
        campaign["kubernetes"]!["mergeWaitSeconds"] = 600;

        var (exitCode, error) = RunWait(campaign, jobCondition: "");

        Assert.Equal(1, exitCode);
        Assert.Contains("has not ended after 600 s (mergeWaitSeconds): not merging", error);
    }

    [SkippableFact]
    public void The_merge_wait_ends_when_every_shard_job_has_ended()
    {
        var (exitCode, error) = RunWait(CampaignSamples.TwoCpuShards(), jobCondition: "Failed");

        Assert.Equal((0, ""), (exitCode, error));
    }

    [Fact]
    public void Without_a_setting_the_merge_waits_two_days()
    {
        var wait = WaitScript(CampaignSamples.TwoCpuShards());

        Assert.Contains($"+ {KubernetesManifests.DefaultMergeWaitSeconds} ))", wait);
        Assert.Equal(172_800, KubernetesManifests.DefaultMergeWaitSeconds);
    }

    /// <summary>
    /// Runs the merge Job's wait script with kubectl reporting <paramref name="jobCondition"/> for every Job, a clock
    /// that moves 100 s each time it is read, and a sleep that returns at once.
    /// </summary>
    private static (int ExitCode, string Error) RunWait(System.Text.Json.Nodes.JsonObject campaign, string jobCondition)
    {
        Skip.If(OperatingSystem.IsWindows() || !File.Exists("/bin/sh"), "no /bin/sh on this machine to run the wait script with");
        using var bin = new TempFolder();
        WriteExecutable(bin.Combine("kubectl"), $"#!/bin/sh\nprintf '%s' '{jobCondition}'\n");
        WriteExecutable(bin.Combine("sleep"), "#!/bin/sh\nexit 0\n");
        var clock = bin.Combine("clock");
        File.WriteAllText(clock, "1000");
        WriteExecutable(bin.Combine("date"), $"#!/bin/sh\nnow=$(cat '{clock}'); echo $((now + 100)) > '{clock}'; echo \"$now\"\n");
        var start = new ProcessStartInfo("/bin/sh", ["-c", WaitScript(campaign)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["PATH"] = $"{bin.Path}:{Environment.GetEnvironmentVariable("PATH")}" },
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "the wait script did not end");
        return (process.ExitCode, error.Result);
    }

    private static string WaitScript(System.Text.Json.Nodes.JsonObject campaign) =>
        Assert.Single(Generate(campaign).OfType<V1Job>().Single(j => j.Metadata.Name.EndsWith("-merge", StringComparison.Ordinal))
            .Spec.Template.Spec.InitContainers).Command[^1];

    private static void WriteExecutable(string path, string text)
    {
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static List<object> Generate(System.Text.Json.Nodes.JsonObject campaign)
    {
        using var folder = new TempFolder();
        return KubernetesYaml.LoadAllFromString(KubernetesManifests.Yaml(CampaignLoader.Load(CampaignSamples.Write(folder, campaign))), strict: true);
    }
}
