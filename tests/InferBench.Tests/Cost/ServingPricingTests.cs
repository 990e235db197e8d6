using InferBench.Cost.Catalog;
using InferBench.Cost.Model;
using InferBench.Cost.Runs;
using InferBench.Cost.Units;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Cost;

public sealed class ServingPricingTests
{
    /// <summary>Concurrency 4 of the sample: 727 output tok/s with 16-token prompts for 64-token outputs (0.25 input per output token).</summary>
    private static ServingPointResult Point => ServingSamples.Points()[2];

    [Fact]
    public void A_point_costs_its_hourly_price_over_its_output_tokens_at_the_utilisation_and_splits_it_as_a_price_sheet_would()
    {
        var cost = ServingPricing.For(Point, CostSamples.Model(CostSamples.Rented(3.6), utilization: 0.5), CostSamples.Energy, ServingPricing.ReferenceSheet);

        var perOutput = 3.6 / (3600 * 727 * 0.5) * 1e6;
        Assert.Equal(perOutput, cost.HardwarePerMillionOutputTokens!.Value.Value, 12);
        Assert.Equal(0.25, cost.Mix!.Value.InputTokensPerOutputToken, 12);
        Assert.Equal(perOutput / (0.25 + 4), cost.Split!.Input.Value, 12);
        Assert.Equal(4 * perOutput / (0.25 + 4), cost.Split.Output.Value, 12);
        Assert.Equal(perOutput, cost.Split.PerMillionOutputTokens(cost.Mix.Value).Value, 12);
    }

    [Fact]
    public void Energy_is_priced_from_the_steady_state_joules_per_output_token_with_its_source()
    {
        var cost = ServingPricing.For(Point, model: null, CostSamples.Energy, ServingPricing.ReferenceSheet);

        Assert.Null(cost.HardwarePerMillionOutputTokens);
        Assert.Equal(0.021, cost.Energy!.PerToken.Value);
        Assert.Equal(0.021 * 1e6 / 3.6e6 * 1.5 * 0.10, cost.Energy.Electricity.Value, 12);
        Assert.Equal("estimated-cpu-tdp", cost.EnergySource);
    }

    [Fact]
    public void A_gpu_points_cpu_energy_and_a_point_without_a_steady_state_window_are_not_priced()
    {
        var gpu = Point with { ExecutionProvider = "cuda" };
        var noWindow = Point with { Energy = Point.Energy! with { SteadyStateJoulesPerOutputToken = null } };

        Assert.Null(ServingPricing.EnergyOf(gpu));
        Assert.Null(ServingPricing.EnergyOf(noWindow));
        Assert.NotNull(ServingPricing.EnergyOf(gpu with { Energy = gpu.Energy! with { Source = "measured-nvml-counter" } }));
    }

    [Fact]
    public void A_point_that_was_not_measured_has_no_cost()
    {
        var cost = ServingPricing.For(Point with { Status = ResultStatus.Failed, Metrics = null }, CostSamples.Model(CostSamples.Rented(3.6)),
            CostSamples.Energy, ServingPricing.ReferenceSheet);

        Assert.Null(cost.HardwarePerMillionOutputTokens);
        Assert.Null(cost.Split);
    }

    [Fact]
    public void Break_even_on_a_serving_point_counts_its_prompts_at_its_own_mix_not_the_apis()
    {
        var throughput = Throughput.Of(Point)!;
        var model = CostSamples.Model(CostSamples.Rented(3.6), utilization: 0.5);

        var breakEven = model.BreakEvenAgainst(CostSamples.Api(2.5, 10, inputTokensPerOutputToken: 3), throughput, energy: null)!;

        Assert.Equal(1.0 / 727, throughput.SecondsPerOutputToken(new TokenMix(3)), 15);
        Assert.True(breakEven.CountsPromptProcessing);
        Assert.Equal(0.25, breakEven.ServedMix!.Value.InputTokensPerOutputToken, 12);
        Assert.Equal(727 * 0.5 * 720 * 3600, breakEven.CapacityOutputTokensPerMonth, 3);
    }

    [Fact]
    public void The_reference_sheet_charges_output_at_the_median_ratio_of_the_catalogs_api_prices()
    {
        var ratios = PricingCatalogLoader.Embedded.Apis.Select(api => api.Output.Value / api.Input.Value).Order().ToList();
        var median = ratios.Count % 2 == 1 ? ratios[ratios.Count / 2] : (ratios[ratios.Count / 2 - 1] + ratios[ratios.Count / 2]) / 2;

        Assert.Equal(median, ServingPricing.ReferenceSheet.Output.Value / ServingPricing.ReferenceSheet.Input.Value);
    }
}
