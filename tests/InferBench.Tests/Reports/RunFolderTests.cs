using System.Text.RegularExpressions;
using InferBench.Reports;
using InferBench.Tests.Support;

namespace InferBench.Tests.Reports;

public sealed class RunFolderTests
{
    private static readonly DateTimeOffset StartedInBerlin = new(2025, 11, 25, 14, 28, 5, TimeSpan.FromHours(1));

    [Fact]
    public void NewRunIdIsUtcStartTimeAndSixHexDigits()
    {
        var id = RunFolder.NewRunId(StartedInBerlin);

        Assert.Matches(new Regex("^20251125-132805-[0-9a-f]{6}$"), id);
        Assert.NotEqual(id, RunFolder.NewRunId(StartedInBerlin));
    }

    [Fact]
    public void CreateMakesAnEmptyFolderNamedByTheRunId()
    {
        using var temp = new TempFolder();

        var first = RunFolder.Create(temp.Combine("results"), StartedInBerlin);
        var second = RunFolder.Create(temp.Combine("results"), StartedInBerlin);

        Assert.Matches(new Regex("^20251125-132805-[0-9a-f]{6}$"), first.RunId);
        Assert.Equal(temp.Combine("results", first.RunId), first.FullPath);
        Assert.Empty(Directory.GetFileSystemEntries(first.FullPath));
        Assert.NotEqual(first.FullPath, second.FullPath);
    }

    [Fact]
    public void WriteReportsWritesTheFileOfEachExporter()
    {
        using var temp = new TempFolder();
        var folder = RunFolder.Create(temp.Path, StartedInBerlin);
        var run = ReportSamples.QuantizedRun() with { RunId = folder.RunId };

        folder.WriteReports(run);

        Assert.Equal(["results.csv", "report.md", "report.html"], RunFolder.Exporters.Select(exporter => exporter.FileName));
        Assert.Equal([folder.CsvPath, folder.ReportPath, folder.HtmlReportPath], RunFolder.Exporters.Select(exporter => Path.Combine(folder.FullPath, exporter.FileName)));
        foreach (var exporter in RunFolder.Exporters)
            Assert.Equal(exporter.Export(run), File.ReadAllText(Path.Combine(folder.FullPath, exporter.FileName)));
        Assert.Equal(RunFolder.Exporters.Count, Directory.GetFiles(folder.FullPath).Length);
    }

    [Fact]
    public void WriteAllWritesTheFourFilesAndReadGetsTheRunBack()
    {
        using var temp = new TempFolder();
        var folder = RunFolder.Create(temp.Path, StartedInBerlin);
        var run = ReportSamples.CompleteRun() with { RunId = folder.RunId };

        folder.WriteAll(run with { Results = [] });
        folder.WriteAll(run); // written again as the run progresses

        Assert.Equal(
            ["report.html", "report.md", "results.csv", "run.json"],
            Directory.GetFileSystemEntries(folder.FullPath).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(new CsvResultsExporter().Export(run), File.ReadAllText(folder.CsvPath));
        Assert.Equal(new MarkdownReportExporter().Export(run), File.ReadAllText(folder.ReportPath));
        Assert.Equal(new HtmlReportExporter().Export(run), File.ReadAllText(folder.HtmlReportPath));
        Assert.Equal(RunJson.Serialize(run), File.ReadAllText(folder.RunJsonPath));
        ObjectGraph.AssertEqual(run, RunFolder.Read(folder.FullPath));
    }

    [Fact]
    public void WriteAllRefusesARunOfAnotherFolder()
    {
        using var temp = new TempFolder();
        var folder = RunFolder.Create(temp.Path, StartedInBerlin);

        Assert.Throws<ArgumentException>(() => folder.WriteAll(ReportSamples.Run()));
        Assert.Empty(Directory.GetFileSystemEntries(folder.FullPath));
    }

    [Fact]
    public void WriteReportsRendersAgainFromRunJson()
    {
        using var temp = new TempFolder();
        var created = RunFolder.Create(temp.Path, StartedInBerlin);
        created.WriteAll(ReportSamples.Run(ReportSamples.OkRow()) with { RunId = created.RunId });
        File.Delete(created.ReportPath);
        File.Delete(created.HtmlReportPath);

        var opened = RunFolder.Open(created.FullPath + Path.DirectorySeparatorChar);
        opened.WriteReports(opened.Read());

        Assert.Equal(created.RunId, opened.RunId);
        Assert.Contains("| cpu-int4-rtn-block-32 |", File.ReadAllText(opened.ReportPath), StringComparison.Ordinal);
        Assert.Contains("<td>cpu-int4-rtn-block-32</td>", File.ReadAllText(opened.HtmlReportPath), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadOfAMissingFolderNamesThePath()
    {
        using var temp = new TempFolder();
        var missing = temp.Combine("20250101-000000-abcdef");

        var error = Assert.Throws<InputException>(() => RunFolder.Read(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadOfAFolderWithoutRunJsonNamesTheFile()
    {
        using var temp = new TempFolder();

        var error = Assert.Throws<InputException>(() => RunFolder.Read(temp.Path));

        Assert.Contains(temp.Combine("run.json"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadOfAnInvalidRunJsonNamesTheFile()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("run.json"), "{");

        var error = Assert.Throws<InputException>(() => RunFolder.Read(temp.Path));

        Assert.StartsWith(temp.Combine("run.json"), error.Message, StringComparison.Ordinal);
    }
}
