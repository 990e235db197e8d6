using InferBench.Cost.Model;
using InferBench.Cost.Units;
using InferBench.Tests.Support;

namespace InferBench.Tests.Cost;

/// <summary>
/// The rented case: $10/h always on is $7,200 a month; 1,000 tokens/s fills 2.592e9 output tokens a month; an API at
/// $1 in / $3 out with one input token per output token costs $4 per 1M output tokens.
/// </summary>
public sealed class BreakEvenTests
{
    private static readonly Throughput DecodeOnly = new(new(1000), Prefill: null);
    private static readonly ApiComparison Api = CostSamples.Api(inputUsd: 1, outputUsd: 3, inputTokensPerOutputToken: 1);

    [Fact]
    public void A_rental_breaks_even_where_its_fixed_month_equals_the_api_bill()
    {
        var breakEven = CostSamples.Model(CostSamples.Rented(10)).BreakEvenAgainst(Api, DecodeOnly, energy: null)!;

        Assert.Equal(BreakEvenOutcome.AtVolume, breakEven.Outcome);
        Assert.Equal(new Usd(7_200), breakEven.SelfHostingFixedPerMonth);
        Assert.Equal(2.592e9, breakEven.CapacityOutputTokensPerMonth, 1e-3);
        Assert.Equal(1.8e9, breakEven.OutputTokensPerMonth!.Value, 1e-3);
        Assert.Equal(1.8e9, breakEven.InputTokensPerMonth!.Value, 1e-3);
        Assert.Equal(1.8 / 2.592, breakEven.UtilizationAtBreakEven!.Value, 12);
        var bills = breakEven.BillsAt(1.8e9);
        Assert.Equal(bills.Api.Value, bills.SelfHosting.Value, 9);
    }

    [Fact]
    public void When_self_hosting_costs_more_per_token_even_at_capacity_the_api_is_always_cheaper()
    {
        var cheapApi = CostSamples.Api(inputUsd: 0.5, outputUsd: 1.5, inputTokensPerOutputToken: 1);

        var breakEven = CostSamples.Model(CostSamples.Rented(10)).BreakEvenAgainst(cheapApi, DecodeOnly, energy: null)!;

        Assert.Equal(BreakEvenOutcome.ApiAlwaysCheaper, breakEven.Outcome);
        Assert.Null(breakEven.OutputTokensPerMonth);
        Assert.Equal(7_200 / 2_592.0, breakEven.SelfHostingPerMillionOutputTokensAtCapacity.Value, 12);
    }

    [Fact]
    public void Lower_utilisation_shrinks_capacity_until_the_break_even_volume_is_out_of_reach()
    {
        // At 70% the hardware serves 1.81e9 tokens, just past the 1.8e9 break-even; at 69% it cannot reach it.
        var model70 = CostSamples.Model(CostSamples.Rented(10), utilization: 0.70);
        var model69 = CostSamples.Model(CostSamples.Rented(10), utilization: 0.69);

        Assert.Equal(BreakEvenOutcome.AtVolume, model70.BreakEvenAgainst(Api, DecodeOnly, energy: null)!.Outcome);
        Assert.Equal(BreakEvenOutcome.ApiAlwaysCheaper, model69.BreakEvenAgainst(Api, DecodeOnly, energy: null)!.Outcome);
    }

    [Fact]
    public void A_rental_switched_off_outside_a_schedule_pays_and_serves_only_its_paid_hours()
    {
        var breakEven = CostSamples.Model(CostSamples.Rented(10, hoursPerMonth: 360)).BreakEvenAgainst(Api, DecodeOnly, energy: null)!;

        Assert.Equal(new Usd(3_600), breakEven.SelfHostingFixedPerMonth);
        Assert.Equal(1.296e9, breakEven.CapacityOutputTokensPerMonth, 1e-3);
        Assert.Equal(0.9e9, breakEven.OutputTokensPerMonth!.Value, 1e-3);
    }

    [Fact]
    public void Owned_hardware_pays_electricity_per_token_which_narrows_the_margin()
    {
        // $26,280 over 3 years is $1/h, $720 a month; 3.6 J/token at PUE 1.5 and $0.10/kWh is $0.15 per 1M tokens.
        var breakEven = CostSamples.Model(CostSamples.Owned(purchaseUsd: 26_280, years: 3))
            .BreakEvenAgainst(CostSamples.Api(0, 0.90, 1), DecodeOnly, new JoulesPerToken(3.6))!;

        Assert.Equal(0.15, breakEven.SelfHostingVariablePerMillionOutputTokens.Value, 12);
        Assert.Equal(720 / 0.75e-6, breakEven.OutputTokensPerMonth!.Value, 1e-3);
    }

    [Fact]
    public void Electricity_dearer_than_the_api_per_token_means_no_break_even()
    {
        var breakEven = CostSamples.Model(CostSamples.Owned(purchaseUsd: 26_280, years: 3))
            .BreakEvenAgainst(CostSamples.Api(0, 0.10, 1), DecodeOnly, new JoulesPerToken(3.6))!;

        Assert.Equal(BreakEvenOutcome.ApiAlwaysCheaper, breakEven.Outcome);
    }

    [Fact]
    public void Paid_off_hardware_that_is_cheaper_per_token_is_cheaper_from_the_first_token()
    {
        var breakEven = CostSamples.Model(CostSamples.Owned(purchaseUsd: 0, years: 3))
            .BreakEvenAgainst(Api, DecodeOnly, new JoulesPerToken(3.6))!;

        Assert.Equal(BreakEvenOutcome.SelfHostingAlwaysCheaper, breakEven.Outcome);
        Assert.Equal(0.0, breakEven.OutputTokensPerMonth);
    }

    [Fact]
    public void Owned_hardware_without_energy_per_token_has_no_break_even()
    {
        Assert.Null(CostSamples.Model(CostSamples.Owned(26_280, 3)).BreakEvenAgainst(Api, DecodeOnly, energy: null));
        Assert.Null(CostSamples.Model(CostSamples.Owned(26_280, 3)).BreakEvenAgainst(Api, ReportSamples.OkRow() with { Energy = null }));
    }

    [Fact]
    public void Prompt_processing_counts_against_capacity_when_prefill_throughput_is_known()
    {
        // Each output token brings 3 prompt tokens: 1 ms of decode plus 3 / 6000 s of prefill.
        var withPrefill = new Throughput(new(1000), new(6000));

        var breakEven = CostSamples.Model(CostSamples.Rented(10))
            .BreakEvenAgainst(CostSamples.Api(1, 3, inputTokensPerOutputToken: 3), withPrefill, energy: null)!;

        Assert.True(breakEven.CountsPromptProcessing);
        Assert.Equal(2_592_000 / 0.0015, breakEven.CapacityOutputTokensPerMonth, 1e-3);
    }

    [Fact]
    public void A_volume_beyond_one_instance_is_billed_on_whole_instances()
    {
        var breakEven = CostSamples.Model(CostSamples.Rented(10)).BreakEvenAgainst(Api, DecodeOnly, energy: null)!;

        var bills = breakEven.BillsAt(2.592e9 * 2 + 1);

        Assert.Equal(3, bills.Instances);
        Assert.Equal(new Usd(21_600), bills.SelfHosting);
        Assert.Equal((2.592e9 * 2 + 1) * 4 / 1e6, bills.Api.Value, 6);
    }

    [Fact]
    public void The_instance_count_holds_the_largest_the_input_ranges_allow()
    {
        // The ranges' extremes: 0.001 tokens/s at 0.1 % utilisation serves 2.592 tokens a month; 1e18 of them need
        // about 3.9e17 instances, which an int saturated at 2,147,483,647.
        var slowest = CostSamples.Model(CostSamples.Rented(1e6), utilization: 0.001)
            .BreakEvenAgainst(CostSamples.Api(0, 0, inputTokensPerOutputToken: 1), new Throughput(new(0.001), Prefill: null), energy: null)!;

        var bills = slowest.BillsAt(1e18);

        Assert.Equal(Math.Ceiling(1e18 / 2.592), bills.Instances);
        Assert.True(double.IsFinite(bills.SelfHosting.Value));
    }
}
