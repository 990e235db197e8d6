using InferBench.Campaign;
using InferBench.Cli;
using InferBench.Tests.Support;

namespace InferBench.Tests.Campaign;

/// <summary><c>campaign merge</c> stops on the first signal as <c>merge</c> does: exit 130, nothing written.</summary>
public sealed class CampaignMergeSignalTests
{
    [Fact]
    public void A_signal_stops_campaign_merge_before_it_writes_anything()
    {
        using var folder = new TempFolder();
        var file = CampaignSamples.Write(folder, CampaignSamples.TwoCpuShards());
        var results = folder.Combine("results");
        Assert.Equal(ExitCodes.AllOk, CliRun.Invoke("campaign", "run", file, "--shard-index", "0", "--shard-count", "2", "--out", results).ExitCode);
        using var signalled = new CancellationTokenSource();
        signalled.Cancel();

        var merge = CliRun.Invoke(signalled.Token, "campaign", "merge", file, "--results", results);

        Assert.Equal(ExitCodes.Cancelled, merge.ExitCode);
        Assert.Contains("merge stopped before writing anything", merge.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(CampaignFolders.Merged(results, "tiny-cpu")));
    }
}
