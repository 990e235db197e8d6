using InferBench.Reports;
using InferBench.Reports.Columns;
using InferBench.Reports.Compare;
using InferBench.Tests.Support;

namespace InferBench.Tests.Reports;

/// <summary>One column list per table: results.csv's is the one results/README.md documents, and every table renders its own list.</summary>
public sealed class ReportColumnsTests
{
    [Fact]
    public void CsvColumnsAreTheReadmeTableInOrderWithItsUnitsAndDefinitions()
    {
        ReadmeColumnTable.AssertDocuments("| Column | Unit | Definition |", ResultColumns.Csv);
    }

    [Fact]
    public void CsvHeaderIsTheColumnIds()
    {
        var csv = new CsvResultsExporter().Export(ReportSamples.Run(ReportSamples.OkRow()));

        Assert.Equal(string.Join(",", ResultColumns.Static.Select(column => column.Id)), csv.Split('\n')[0]);
    }

    [Fact]
    public void ARunWithServingPointsHasEveryColumnAndAStaticRunOnlyTheStaticOnes()
    {
        var serving = new CsvResultsExporter().Export(ServingSamples.Run());

        Assert.Equal(string.Join(",", ResultColumns.Csv.Select(column => column.Id)), serving.Split('\n')[0]);
        Assert.Equal(ResultColumns.Static.Select(column => column.Id), ResultColumns.For(servingRows: false).Select(column => column.Id));
    }

    [Fact]
    public void MarkdownAndHtmlTablesAreHeadedByTheReportColumnsAlignedAsTheySay()
    {
        var run = ReportSamples.CompleteRun();
        var columns = ReportTable.For(run);
        var titles = columns.Select(column => column.Title).ToList();

        var markdown = new MarkdownReportExporter().Export(run).Split('\n');
        var header = Array.IndexOf(markdown, "| " + string.Join(" | ", titles) + " |");
        Assert.True(header > 0);
        Assert.Equal("|" + string.Concat(columns.Select(column => column.Numeric ? "---:|" : "---|")), markdown[header + 1]);
        Assert.Contains(ResultColumns.Round, columns);
        Assert.Contains("<thead><tr>" + string.Concat(titles.Select(title => $"<th scope=\"col\">{title.Replace("&", "&amp;")}</th>")) + "</tr></thead>",
            new HtmlReportExporter().Export(run), StringComparison.Ordinal);
    }

    [Fact]
    public void CompareIsHeadedByItsColumnsAndSharesTheScenarioColumns()
    {
        var comparison = RunComparison.Of(
        [
            (CompareSamples.Run("a", CompareSamples.Row("cpu-fp32", 1, [100, 104, 96])), "folder-a"),
            (CompareSamples.Run("b", CompareSamples.Row("cpu-fp32", 1, [98, 102, 100])), "folder-b"),
        ]);

        var header = ComparisonText.Format(comparison).Split('\n')[3];
        Assert.Equal(ComparisonTable.Columns.Select(column => column.Title), header.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal(ScenarioColumns.All.Select(column => column.Title), ComparisonTable.Columns.Take(7).Select(column => column.Title));
        Assert.Equal(ScenarioColumns.All.Skip(1).Select(column => column.Title), ReportTable.Columns.Take(6).Select(column => column.Title));
    }
}
