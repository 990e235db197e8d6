using InferBench.Cost.Model;
using InferBench.Cost.Units;
using InferBench.Tests.Support;

namespace InferBench.Tests.Cost;

public sealed class CostModelTests
{
    private static readonly Throughput ThousandTokensPerSecond = new(new(1000), Prefill: null);

    [Theory]
    [InlineData(1.0, 10 / 3.6)]
    [InlineData(0.5, 20 / 3.6)]
    [InlineData(0.25, 40 / 3.6)]
    public void Idle_paid_time_raises_the_cost_per_token_in_inverse_proportion_to_utilisation(double utilization, double usdPerMillionTokens)
    {
        var cost = CostSamples.Model(CostSamples.Rented(10), utilization).For(ThousandTokensPerSecond, energy: null);

        Assert.Equal(usdPerMillionTokens, cost.HardwarePerMillionGeneratedTokens.Value, 12);
        Assert.Equal(cost.HardwarePerMillionGeneratedTokens, cost.PerMillionGeneratedTokens);
    }

    [Fact]
    public void Owned_hardware_costs_its_purchase_over_every_hour_of_its_amortisation_years()
    {
        var owned = CostSamples.Owned(purchaseUsd: 26_280, years: 3);

        Assert.Equal(new UsdPerHour(1), owned.Hourly);
        Assert.Equal(new Usd(720), owned.FixedPerMonth);
    }

    [Fact]
    public void Energy_per_token_becomes_kilowatt_hours_money_and_co2_through_pue()
    {
        // 3.6 J/token is 1 kWh per 1M tokens at the hardware; PUE 1.5 makes it 1.5 kWh at the facility.
        var energy = CostSamples.Energy.CostOf(new JoulesPerToken(3.6));

        Assert.Equal(1.5, energy.FacilityKilowattHoursPerMillionTokens, 12);
        Assert.Equal(0.15, energy.Electricity.Value, 12);
        Assert.Equal(600, energy.GramsCo2PerMillionTokens, 9);
    }

    [Fact]
    public void Owned_hardware_adds_electricity_to_the_amortised_hardware()
    {
        var cost = CostSamples.Model(CostSamples.Owned(purchaseUsd: 26_280, years: 3)).For(ThousandTokensPerSecond, new JoulesPerToken(3.6));

        Assert.Equal(1 / 3.6, cost.HardwarePerMillionGeneratedTokens.Value, 12);
        Assert.Equal(1 / 3.6 + 0.15, cost.PerMillionGeneratedTokens!.Value.Value, 12);
    }

    [Fact]
    public void Owned_hardware_without_energy_per_token_has_no_all_in_cost_rather_than_a_cost_without_electricity()
    {
        var cost = CostSamples.Model(CostSamples.Owned(purchaseUsd: 26_280, years: 3)).For(ThousandTokensPerSecond, energy: null);

        Assert.Null(cost.PerMillionGeneratedTokens);
        Assert.Null(cost.Energy);
    }

    [Fact]
    public void A_rental_includes_electricity_so_energy_is_reported_but_not_added()
    {
        var cost = CostSamples.Model(CostSamples.Rented(10)).For(ThousandTokensPerSecond, new JoulesPerToken(3.6));

        Assert.Equal(0.15, cost.Energy!.Electricity.Value, 12);
        Assert.Equal(cost.HardwarePerMillionGeneratedTokens, cost.PerMillionGeneratedTokens);
    }

    [Fact]
    public void A_measured_row_is_priced_from_its_median_decode_and_prefill_tokens_per_second_and_its_energy()
    {
        var model = CostSamples.Model(CostSamples.Rented(2));

        var cost = model.For(ReportSamples.OkRow())!;

        Assert.Equal(new Throughput(new(45.52), new(1000.24)), cost.Throughput);
        Assert.Equal(2 / (45.52 * 3600) * 1e6, cost.HardwarePerMillionGeneratedTokens.Value, 9);
        Assert.Equal(2 / (1000.24 * 3600) * 1e6, cost.HardwarePerMillionPromptTokens!.Value.Value, 9);
        Assert.Equal(new JoulesPerToken(13.48), cost.Energy!.PerToken);
        Assert.Same(model.Assumptions, cost.Assumptions);
    }

    [Theory]
    [InlineData("measured-rapl", null)]
    [InlineData("estimated-cpu-tdp", null)]
    [InlineData("measured-nvml-counter", 13.48)]
    [InlineData("measured-nvml-power", 13.48)]
    public void A_gpu_row_is_priced_only_from_gpu_energy_never_from_the_cpus(string source, double? joulesPerToken)
    {
        var row = ReportSamples.OkRow() with { ExecutionProvider = "cuda" };
        row = row with { Energy = row.Energy! with { Source = source } };

        var cost = CostSamples.Model(CostSamples.Owned(30000, 3)).For(row)!;

        Assert.Equal(joulesPerToken, cost.Energy?.PerToken.Value);
        Assert.Equal(joulesPerToken is null, cost.PerMillionGeneratedTokens is null);
    }

    [Fact]
    public void A_row_without_measurements_has_no_cost()
    {
        Assert.Null(CostSamples.Model(CostSamples.Rented(2)).For(ReportSamples.FailedRow()));
    }
}
