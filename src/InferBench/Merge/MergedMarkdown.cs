using System.Text;
using static InferBench.Reports.MarkdownBlocks;
using static InferBench.Reports.MarkdownText;

namespace InferBench.Merge;

/// <summary>The merged report.md: the machines and runs, then per model the comparison across machines, then what could not be merged.</summary>
public static class MergedMarkdown
{
    public const string FileName = "report.md";

    public static string Export(RunMerge merge, DateTimeOffset mergedUtc)
    {
        var md = new StringBuilder($"# {Text(MergeReport.Title(merge))}\n\n{MergeReport.Timing(mergedUtc)}\n\n");
        md.Append("## Machines\n\n");
        AppendFacts(md, MergeReport.Machines(merge));
        md.Append("\n## Runs\n\n");
        AppendFacts(md, MergeReport.Inputs(merge));
        md.Append('\n');
        if (merge.Entries.Count == 0)
            md.Append(MergeReport.NoEntries).Append("\n\n");
        foreach (var model in merge.Entries.GroupBy(entry => entry.Model))
        {
            md.Append($"## {Text(model.Key)}\n\n");
            AppendTable(md, MergedColumns.Comparison, model);
        }
        if (merge.Problems.Count > 0)
        {
            md.Append("## Not merged\n\n");
            AppendFacts(md, MergeReport.Problems(merge));
            md.Append('\n');
        }
        return md.Append(MergeReport.Definitions).Append('\n').ToString();
    }
}
