using System.Text.Json.Nodes;
using InferBench.Cli;
using InferBench.Cost.Units;
using InferBench.Reports;
using InferBench.Results;
using InferBench.Tests.Cli;
using InferBench.Tests.Reports;
using InferBench.Tests.Support;

namespace InferBench.Tests.Cost;

public class CostInputsTests
{
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(0)]
    [InlineData(1e-300)]
    [InlineData(1.5)]
    public void A_utilisation_out_of_range_is_refused_naming_the_field(double fraction)
    {
        var error = Assert.Throws<InputRangeException>(() => new Utilization(fraction));

        Assert.Equal(["Utilization"], error.Fields);
        Assert.Equal($"Utilization: expected a number from 0.001 to 1, got {InputRange.Format(fraction)}", error.Message);
    }

    [Theory]
    [InlineData("priceUsdPerHour", 1e308, "a number from 0 to 1000000")]
    [InlineData("utilization", 0, "a number from 0.001 to 1")]
    [InlineData("electricityUsdPerKilowattHour", 1e308, "a number from 0 to 1000")]
    [InlineData("pue", 1e308, "a number from 1 to 10")]
    [InlineData("gridGramsCo2PerKilowattHour", -1, "a number from 0 to 10000")]
    public void A_run_json_cost_figure_out_of_range_exits_2_naming_the_file_path_the_json_path_and_the_range(string field, double value, string range)
    {
        using var temp = new TempFolder();
        var folder = Directory.CreateDirectory(temp.Combine("edited")).FullName;
        var runJson = Path.Combine(folder, RunJson.FileName);
        var json = JsonNode.Parse(RunJson.Serialize(ReportSamples.Run(ReportSamples.OkRow())))!;
        json["cost"]![field]!["value"] = value;
        File.WriteAllText(runJson, json.ToJsonString());

        var report = CliRun.Invoke("report", folder);

        Assert.Equal(ExitCodes.BadInput, report.ExitCode);
        Assert.Equal($"inferbench: {runJson}: $.cost.{field}.value: expected {range}, got {InputRange.Format(value)}", report.Error.TrimEnd());
    }

    [Fact]
    public void The_extremes_every_cost_range_accepts_still_price_to_finite_figures()
    {
        var slowest = new UsdPerHour(CostInputs.PricePerHourUsd.Maximum)
            .PerMillionTokens(new TokensPerSecond(CostInputs.TokensPerSecond.Minimum), new Utilization(CostInputs.Utilization.Minimum));

        Assert.True(double.IsFinite(slowest.Value));
    }
}
