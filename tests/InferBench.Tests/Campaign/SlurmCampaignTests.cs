using System.Diagnostics;
using InferBench.Campaign;
using InferBench.Reports;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Campaign;

/// <summary>
/// scripts/slurm/ on a real Slurm: a single-node cluster of the test's own (scripts/slurm/local-cluster.sh: its own
/// SLURM_CONF, munge key and socket, localhost, this machine's CPUs, no GPU gres), a 2-shard campaign of the tiny
/// synthetic model on the CPU submitted with submit-campaign.sh, the merge step after both shards. Every daemon the
/// test started is stopped, also when it fails. Skips with the reason where Slurm is not installed or not startable.
/// </summary>
public sealed class SlurmCampaignTests
{
    private static readonly string SlurmScripts = RepoRoot.Combine("scripts", "slurm");
    private static readonly string Cli = Path.Combine(AppContext.BaseDirectory, "InferBench.Cli");
    private static readonly TimeSpan JobLimit = TimeSpan.FromMinutes(3);

    [SkippableFact]
    public void A_two_shard_campaign_runs_end_to_end_and_the_merge_step_reports_and_merges_it()
    {
        Skip.If(Environment.OSVersion.Platform != PlatformID.Unix || Environment.UserName != "root",
            "the local Slurm cluster needs Linux and root (slurmd runs jobs as their user)");
        Skip.If(!File.Exists("/usr/sbin/slurmctld") || !File.Exists("/usr/sbin/munged") || !File.Exists("/usr/bin/sbatch"),
            "Slurm is not installed (slurm-wlm and munge; .ci/run installs them with apt-get when it can)");
        using var folder = new TempFolder();
        var campaign = CampaignSamples.Write(folder, CampaignSamples.TwoCpuShards());
        var cluster = folder.Combine("cluster");
        var results = folder.Combine("results");

        var started = ExternalTool.Run(Path.Combine(SlurmScripts, "local-cluster.sh"), ["start", cluster]);
        try
        {
            Skip.If(started.ExitCode == 3, $"Slurm cannot run here: {started.Error.Trim()}");
            Assert.True(started.ExitCode == 0, $"the local Slurm cluster did not start:\n{started.Error}\n{Logs(cluster)}");
            var slurm = new Dictionary<string, string> { ["SLURM_CONF"] = Path.Combine(cluster, "slurm.conf") };

            var submitted = ExternalTool.Run(Path.Combine(SlurmScripts, "submit-campaign.sh"), ["--inferbench", Cli, campaign, results], slurm);
            Assert.True(submitted.ExitCode == 0, $"submit-campaign.sh failed:\n{submitted.Error}");
            var jobs = submitted.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, jobs.Length);
            var mergeState = WaitForEnd(jobs[^1], slurm);

            var log = File.ReadAllText(Path.Combine(results, "slurm-logs", "merge.out"));
            Assert.Contains("All 2 shards succeeded.", log);
            foreach (var index in new[] { 0, 1 })
            {
                var run = RunFolder.Read(Assert.Single(Directory.GetDirectories(CampaignFolders.Shard(results, "tiny-cpu", index))));
                Assert.Equal((index, 2), (run.Shard!.Index, run.Shard.Count));
                Assert.Equal(ResultStatus.Ok, Assert.Single(run.Results).Status);
            }
            var merged = CampaignFolders.Merged(results, "tiny-cpu");
            Assert.True(mergeState == "COMPLETED", $"the merge step ended {mergeState}:\n{log}");
            Assert.True(File.Exists(Path.Combine(merged, "results.csv")), $"no merged results.csv in {merged}:\n{log}");
            Assert.All(new[] { "merged.json", "report.md", "report.html" }, name => Assert.True(File.Exists(Path.Combine(merged, name)), $"no merged {name}"));
            var csv = File.ReadAllText(Path.Combine(merged, "results.csv"));
            Assert.Contains("fp32", csv);
            Assert.Contains("int8", csv);
        }
        finally
        {
            var stopped = ExternalTool.Run(Path.Combine(SlurmScripts, "local-cluster.sh"), ["stop", cluster]);
            Assert.True(stopped.ExitCode == 0, $"stopping the local Slurm cluster failed: {stopped.Error}");
        }
    }

    [SkippableFact]
    public void Submit_asks_for_GPUs_only_for_classes_that_have_them()
    {
        Skip.If(!File.Exists("/bin/bash"), "bash is not installed");
        using var folder = new TempFolder();
        var campaign = CampaignSamples.Write(folder, CampaignSamples.ThreeClassesTwoVariants());

        var dryRun = ExternalTool.Run(Path.Combine(SlurmScripts, "submit-campaign.sh"),
            ["--dry-run", "--inferbench", Cli, campaign, folder.Combine("results"), "--", "--time=02:00:00"]);

        Assert.True(dryRun.ExitCode == 0, dryRun.Error);
        var sbatch = dryRun.Error.Split('\n').Where(line => line.StartsWith("sbatch ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(4, sbatch.Length);
        Assert.Contains("--array=0-1 ", sbatch[0]);
        Assert.Contains("--gres=gpu:1 --partition=h100 --time=02:00:00 ", sbatch[0]);
        Assert.Contains("--array=2-2 ", sbatch[1]);
        Assert.Contains("--gres=gpu:8 --partition=a100 ", sbatch[1]);
        Assert.Contains("--array=3-4 ", sbatch[2]);
        Assert.DoesNotContain("--gres", sbatch[2]);
        Assert.Contains("--dependency=afterany:DRYRUN:DRYRUN:DRYRUN ", sbatch[3]);
        Assert.EndsWith("campaign-merge.sbatch", sbatch[3]);
    }

    /// <summary>Polls until the job has left the queue; its final state from scontrol (the cluster keeps ended jobs a while).</summary>
    private static string WaitForEnd(string job, IReadOnlyDictionary<string, string> slurm)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < JobLimit)
        {
            var state = ExternalTool.Run("/usr/bin/scontrol", ["show", "job", job], slurm).Out;
            var jobState = state.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(word => word.StartsWith("JobState=", StringComparison.Ordinal));
            if (jobState is not null && jobState is not ("JobState=PENDING" or "JobState=RUNNING" or "JobState=CONFIGURING" or "JobState=COMPLETING"))
                return jobState["JobState=".Length..];
            Thread.Sleep(500);
        }
        Assert.Fail($"job {job} did not end within {JobLimit.TotalMinutes} minutes: {ExternalTool.Run("/usr/bin/squeue", [], slurm).Out}");
        return "";
    }

    private static string Logs(string cluster) => string.Join('\n', new[] { "slurmctld.log", "slurmd.log", Path.Combine("munge", "munged.log") }
        .Select(name => Path.Combine(cluster, name)).Where(File.Exists).Select(path => $"--- {path}\n{File.ReadAllText(path)}"));
}
