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
    private RunFolder ProfiledRun(EstimatorProfile? profile = null)
    {
        var sample = ReportSamples.Run(ReportSamples.OkRow());
        var folder = RunFolder.Create(_temp.Path, sample.StartedUtc);
        folder.WriteAll(sample with { RunId = folder.RunId });
        File.WriteAllText(Path.Combine(folder.FullPath, EstimatorProfile.FileName), ProfileJson.Serialize(profile ?? ProfileJsonTests.Sample()));
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
    public void A_forecast_whose_decode_comes_from_the_joint_fit_saves_a_forecast_json_that_reads_back_with_its_prefill_efficiencies()
    {
        var sample = ProfileJsonTests.Sample();
        var joint = new HostDecodeFit(new FittedParameter(0.55, true), new FittedParameter(3e-4, true),
            new Dictionary<string, FittedParameter> { [ProfileBuilder.HostDecodeFitKey(sample.Variants[0])] = new(0.3, true) }, 0.1, 0.2, 12);
        var folder = ProfiledRun(sample with { DecodeFit = joint });

        var run = CliRun.Invoke("forecast", "--profile", Path.Combine(folder.FullPath, EstimatorProfile.FileName));
        var rendered = CliRun.Invoke("report", folder.FullPath);

        Assert.Equal((0, 0), (run.ExitCode, rendered.ExitCode));
        Assert.All(ForecastJson.Read(folder.ForecastPath).Rows, row => Assert.NotNull(row.Efficiencies.Prefill));
        Assert.Contains(ForecastSection.Heading, File.ReadAllText(folder.ReportPath));
    }

    [Fact]
    public void A_forecast_json_with_an_unknown_field_in_the_prefill_efficiencies_is_refused()
    {
        var folder = ProfiledRun();
        Assert.Equal(0, CliRun.Invoke("forecast", "--profile", Path.Combine(folder.FullPath, EstimatorProfile.FileName)).ExitCode);
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(folder.ForecastPath))!;
        var efficiencies = node["rows"]![0]!["efficiencies"]!;
        efficiencies["prefill"] = System.Text.Json.Nodes.JsonNode.Parse(efficiencies.ToJsonString());
        efficiencies["prefill"]!["surprise"] = 1;
        File.WriteAllText(folder.ForecastPath, node.ToJsonString());

        var run = CliRun.Invoke("report", folder.FullPath);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("$.rows[0].efficiencies.prefill: unknown field \"surprise\"", run.Error);
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

    [Fact]
    public void A_band_whose_ends_are_out_of_order_stops_the_report_naming_it()
    {
        var folder = ProfiledRun();
        Assert.Equal(0, CliRun.Invoke("forecast", "--profile", Path.Combine(folder.FullPath, EstimatorProfile.FileName)).ExitCode);
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(folder.ForecastPath))!;
        node["rows"]![0]!["decodeTokensPerSecond"] = System.Text.Json.Nodes.JsonNode.Parse("""{ "low": 100, "central": 1, "high": 0 }""");
        File.WriteAllText(folder.ForecastPath, node.ToJsonString());

        var run = CliRun.Invoke("report", folder.FullPath);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{folder.ForecastPath}: $.rows[0].decodeTokensPerSecond: expected low <= central <= high, got 100, 1.00, 0", run.Error);
        run.AssertNoStackTrace();
    }

    [Fact]
    public void A_damaged_forecast_json_never_stops_a_runs_saves_of_its_measured_rows()
    {
        var sample = ReportSamples.Run(ReportSamples.OkRow());
        var folder = RunFolder.Create(_temp.Path, sample.StartedUtc);
        var run = sample with { RunId = folder.RunId };
        folder.WriteAll(run with { Results = [] });
        File.WriteAllText(folder.ForecastPath, """{ "kind": "forecast" }""");

        folder.WriteAll(run); // the next finished point, saved by the running session
        folder.WriteReports(run); // as a session that stops on a failed save marks the run incomplete

        Assert.Equal(run.Results.Count, folder.Read().Results.Count);
        Assert.Equal(new CsvResultsExporter().Export(run), File.ReadAllText(folder.CsvPath));
        Assert.Equal(new MarkdownReportExporter().Export(run), File.ReadAllText(folder.ReportPath));
        Assert.Equal(2, CliRun.Invoke("report", folder.FullPath).ExitCode); // `report` still names the damaged file
    }

    [Fact]
    public void A_profile_whose_figures_put_the_forecast_out_of_range_gets_a_clear_error_and_nothing_saved()
    {
        var sample = ProfileJsonTests.Sample();
        var variant = sample.Variants[0];
        var folder = ProfiledRun(sample with { Variants = [variant with { Fit = variant.Fit! with { MaxAbsRelativeResidual = 1e308 } }] });

        var run = CliRun.Invoke("forecast", "--profile", Path.Combine(folder.FullPath, EstimatorProfile.FileName));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("out of range", run.Error);
        Assert.Contains("$.rows[0].", run.Error);
        run.AssertNoStackTrace();
        Assert.False(File.Exists(folder.ForecastPath));
        Assert.Equal("", run.Out);
    }
}
