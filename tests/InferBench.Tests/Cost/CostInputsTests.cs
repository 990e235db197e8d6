using InferBench.Cost;
using InferBench.Results;

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

    [Fact]
    public void A_run_json_utilisation_out_of_range_names_the_file_field_not_an_option()
    {
        var figure = new CitedFigure(1, "given", null, Provenance.Given);
        var setup = new CostSetup(figure, figure with { Value = 0 }, figure, figure, figure);

        var error = Assert.Throws<InputException>(() => RunCostSetup.Model(setup));

        Assert.Equal("run.json: cost.utilization.value: expected a number from 0.001 to 1, got 0", error.Message);
    }

    [Fact]
    public void The_extremes_every_cost_range_accepts_still_price_to_finite_figures()
    {
        var slowest = new UsdPerHour(CostInputs.PricePerHourUsd.Maximum)
            .PerMillionTokens(new TokensPerSecond(CostInputs.TokensPerSecond.Minimum), new Utilization(CostInputs.Utilization.Minimum));

        Assert.True(double.IsFinite(slowest.Value));
    }
}
