using InferBench.Campaign;
using InferBench.Cli;
using InferBench.Tests.Support;

namespace InferBench.Tests.Campaign;

/// <summary>Where campaign commands write: a path that cannot be used is exit 2, named by the option that gave it.</summary>
public sealed class CampaignOutputFolderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

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
}
