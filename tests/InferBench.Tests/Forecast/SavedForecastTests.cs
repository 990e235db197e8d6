using System.Text.Json;
using InferBench.Forecast;
using InferBench.Reports;
using InferBench.Synthetic;
using InferBench.Tests.Support;

namespace InferBench.Tests.Forecast;

/// <summary>forecast.json beside the run a profile came from, and the reports' forecast section: apart from every measured row.</summary>
public sealed class SavedForecastTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>A run folder with its reports and a profile.json, as `run` then `profile` leave it.</summary>
    private RunFolder ProfiledRun()
    {
        var sample = ReportSamples.Run(ReportSamples.OkRow());
        var folder = RunFolder.Create(_temp.Path, sample.StartedUtc);
        folder.WriteAll(sample with { RunId = folder.RunId });
        File.WriteAllText(Path.Combine(folder.FullPath, EstimatorProfile.FileName), ProfileJson.Serialize(ProfileJsonTests.Sample()));
        return folder;
    }

    [Fact]
    public void A_forecast_from_a_runs_profile_is_saved_there_and_shown_in_its_reports_in_a_section_of_its_own()
    {
        var folder = ProfiledRun();
        var csvBefore = File.ReadAllText(folder.CsvPath);

        var run = CliRun.Invoke("forecast", "--profile", Path.Combine(folder.FullPath, EstimatorProfile.FileName), "--gpu", "l4,h100-sxm5", "--batch", "1,4");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Saved {folder.ForecastPath}", run.Error);
        var saved = ForecastJson.Read(folder.ForecastPath);
        Assert.Equal(ProfileJsonTests.Sample().RunId, saved.CalibrationRunId);
        Assert.Equal(4, saved.Rows.Count);
        var markdown = File.ReadAllText(folder.ReportPath);
        var section = markdown[markdown.IndexOf($"## {ForecastSection.Heading}", StringComparison.Ordinal)..];
        Assert.Equal(2, section.Split("\n").Count(line => line.StartsWith("| l4 |", StringComparison.Ordinal)));
        Assert.Contains("never a measurement", section);
        Assert.DoesNotContain("| l4 |", markdown[..markdown.IndexOf($"## {ForecastSection.Heading}", StringComparison.Ordinal)]);
        Assert.Contains($"<h2>{ForecastSection.Heading}</h2>", File.ReadAllText(folder.HtmlReportPath));
        Assert.Equal(csvBefore, File.ReadAllText(folder.CsvPath));

        var rendered = CliRun.Invoke("report", folder.FullPath);

        Assert.Equal(0, rendered.ExitCode);
        Assert.Equal(markdown, File.ReadAllText(folder.ReportPath));
    }

    [Fact]
    public void The_json_printed_and_the_file_saved_are_the_same_versioned_document()
    {
        var folder = ProfiledRun();

        var run = CliRun.Invoke("forecast", "--profile", Path.Combine(folder.FullPath, EstimatorProfile.FileName), "--json");

        Assert.Equal(0, run.ExitCode);
        using var printed = JsonDocument.Parse(run.Out);
        Assert.Empty(ForecastJson.Problems(printed.RootElement));
        Assert.Equal(1, printed.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("forecast", printed.RootElement.GetProperty("kind").GetString());
        Assert.Equal(run.Out, File.ReadAllText(folder.ForecastPath));
        Assert.All(printed.RootElement.GetProperty("rows").EnumerateArray(), row => Assert.Equal(ForecastTarget.HostId, row.GetProperty("target").GetString()));
    }

    [Fact]
    public void A_forecast_without_a_run_folder_is_saved_only_where_out_says()
    {
        var model = _temp.Combine("tiny");
        SyntheticModelWriter.Write(SyntheticModelPresets.Tiny, model);

        var printedOnly = CliRun.Invoke("forecast", "--model-path", model, "--gpu", "l4");
        var saved = CliRun.Invoke("forecast", "--model-path", model, "--gpu", "l4", "--out", _temp.Combine("forecasts"));

        Assert.Equal((0, 0), (printedOnly.ExitCode, saved.ExitCode));
        Assert.DoesNotContain("Saved", printedOnly.Error);
        Assert.Equal(2, ForecastJson.Read(_temp.Combine("forecasts", ForecastJson.FileName)).Rows.Count); // batch 1 and 4
        Assert.False(File.Exists(_temp.Combine("forecasts", MarkdownReportExporter.FileName)));
    }

    [Fact]
    public void A_damaged_forecast_json_stops_the_report_naming_the_file_and_field()
    {
        var folder = ProfiledRun();
        File.WriteAllText(folder.ForecastPath, """{ "kind": "forecast", "schemaVersion": 1, "createdUtc": "2026-12-03T00:00:00Z", "rows": [ { "label": "measured" } ] }""");

        var run = CliRun.Invoke("report", folder.FullPath);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(folder.ForecastPath, run.Error);
        Assert.Contains("$.rows[0]", run.Error);
        run.AssertNoStackTrace();
    }
}
