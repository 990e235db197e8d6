using System.Globalization;

namespace InferBench.Campaign;

/// <summary>
/// Where a campaign's results go under a results folder: <c>&lt;campaign&gt;/shard-&lt;index&gt;/&lt;run id&gt;/</c> per
/// shard (a retried shard adds a run folder beside the first; the newest complete one counts), <c>&lt;campaign&gt;/merged/</c> for the merge.
/// </summary>
public static class CampaignFolders
{
    public static string Campaign(string resultsRoot, string campaign) => Path.Combine(Path.GetFullPath(resultsRoot), campaign);

    public static string Shard(string resultsRoot, string campaign, int index) =>
        Path.Combine(Campaign(resultsRoot, campaign), "shard-" + index.ToString(CultureInfo.InvariantCulture));

    public static string Merged(string resultsRoot, string campaign) => Path.Combine(Campaign(resultsRoot, campaign), "merged");
}
