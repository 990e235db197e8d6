using InferBench.Campaign;
using InferBench.Cli;
using InferBench.Tests.Campaign;
using InferBench.Tests.Merge;
using InferBench.Tests.Support;

namespace InferBench.Tests.Cli;

/// <summary>
/// Every command exits alike on a file-system failure of its output: a full disk is exit 1 (as a run's failed save), a
/// path that cannot be used (a file in the way, no permission, a read-only file system) exit 2 naming the option.
/// </summary>
public sealed class FileSystemFailureExitCodeTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_full_disk_is_out_of_space_and_exit_1()
    {
        var failure = FileSystemProblem.WriteFailure(["--out"], "cannot write k.yaml: No space left on device", DiskFull.Exception());
        var error = new StringWriter();

        Assert.IsType<OutOfSpaceException>(failure);
        Assert.Equal(ExitCodes.SomeRowsFailed, InferBenchCli.Report(failure, error));
        Assert.Equal("inferbench: --out: cannot write k.yaml: No space left on device", error.ToString().TrimEnd());
    }

    [Fact]
    public void A_read_only_file_system_or_no_permission_is_bad_input_exit_2()
    {
        // EROFS: .NET puts the errno into HResult, as for ENOSPC.
        Exception[] unusable = [new IOException("Read-only file system", 30), new UnauthorizedAccessException("Access denied")];

        Assert.All(unusable, exception =>
        {
            var failure = FileSystemProblem.WriteFailure(["--out"], "cannot write k.yaml", exception);
            Assert.IsNotType<OutOfSpaceException>(failure);
            Assert.Equal(ExitCodes.BadInput, InferBenchCli.Report(failure, new StringWriter()));
        });
    }

    [Fact]
    public void Campaign_k8s_with_a_file_in_the_way_of_its_out_is_exit_2_naming_out()
    {
        var file = CampaignSamples.Write(_temp, CampaignSamples.TwoCpuShards());
        File.WriteAllText(_temp.Combine("taken"), "");

        var run = CliRun.Invoke("campaign", "k8s", file, "--out", _temp.Combine("taken", "k.yaml"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.StartsWith($"inferbench: --out: cannot write {_temp.Combine("taken", "k.yaml")}: {_temp.Combine("taken")} is a file, not a folder", run.Error);
    }

    [Fact]
    public void Campaign_merge_names_its_results_option_not_merges_out_when_the_merged_folder_cannot_be_made()
    {
        var file = CampaignSamples.Write(_temp, CampaignSamples.TwoCpuShards());
        var results = _temp.Combine("results");
        Assert.Equal(ExitCodes.AllOk, CliRun.Invoke("campaign", "run", file, "--shard-index", "0", "--shard-count", "2", "--out", results).ExitCode);
        var merged = CampaignFolders.Merged(results, "tiny-cpu");
        File.WriteAllText(merged, "");

        var run = CliRun.Invoke("campaign", "merge", file, "--results", results);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"inferbench: --results: cannot create the folder {merged}: {merged} is a file, not a folder", run.Error);
        Assert.DoesNotContain("--out", run.Error);
    }

    [Fact]
    public void Merge_of_one_run_counts_it_in_the_singular()
    {
        var folder = MergeSamples.Write(_temp.Combine("runs", "20261201-100000-aaaaaa"),
            MergeSamples.Run("20261201-100000-aaaaaa", MergeSamples.L4, 0.98, MergeSamples.Row(MergeSamples.Llama, "cuda-fp16", 1, 40)));
        var merged = _temp.Combine("merged");

        var run = CliRun.Invoke("merge", folder, "--out", merged);

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        Assert.Contains($"Merged 1 run from 1 machine into {merged}", run.Out);
        Assert.StartsWith("# InferBench merge: 1 run from 1 machine\n", File.ReadAllText(Path.Combine(merged, "report.md")));
    }
}
