using System.Text;
using InferBench.Reports;
using static InferBench.Reports.HtmlBlocks;

namespace InferBench.Merge;

/// <summary>The merged report.html: report.md's content in one self-contained page, with per model a chart of $/1M against tok/s across machines.</summary>
public static class MergedHtml
{
    public const string FileName = "report.html";

    public static string Export(RunMerge merge, DateTimeOffset mergedUtc)
    {
        var title = MergeReport.Title(merge);
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append($"<title>{E(title)}</title>\n<style>\n{HtmlReportStyle.Css}</style>\n</head>\n<body>\n<main>\n<h1>{E(title)}</h1>\n")
            .Append($"<p>{E(MergeReport.Timing(mergedUtc))}</p>\n<h2>Machines</h2>\n");
        AppendFacts(html, MergeReport.Machines(merge));
        html.Append("<h2>Runs</h2>\n");
        AppendFacts(html, MergeReport.Inputs(merge));
        if (merge.Entries.Count == 0)
            html.Append($"<p>{E(MergeReport.NoEntries)}</p>\n");
        foreach (var model in merge.Entries.GroupBy(entry => entry.Model))
        {
            List<MergedEntry> entries = [.. model];
            html.Append($"<section>\n<h2>{E(model.Key)}</h2>\n");
            AppendCharts(html, MergeChart.For(entries, merge.Machines) is { } chart ? [chart] : []);
            AppendTable(html, MergedColumns.Comparison, entries);
            html.Append("</section>\n");
        }
        if (merge.Problems.Count > 0)
        {
            html.Append("<h2>Not merged</h2>\n");
            AppendFacts(html, MergeReport.Problems(merge));
        }
        return html.Append($"<footer>{E(MergeReport.Definitions)}</footer>\n</main>\n</body>\n</html>\n").ToString();
    }

    private static string E(string text) => HtmlText.Escape(text);
}
