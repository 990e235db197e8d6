using InferBench.Cost.Citations;
using InferBench.Cost.Model;
using InferBench.Cost.Units;
using static InferBench.Cost.Sheets.CostFormat;

namespace InferBench.Cost.Sheets;

/// <summary>The assumption lines <c>inferbench cost</c> lists under its figures: each value with where it came from.</summary>
public static class AssumptionLines
{
    public static IReadOnlyList<AssumptionLine> For(HardwareCost hardware) => hardware switch
    {
        RentedHardware rented =>
        [
            new("hardwareUsdPerHour", "hardware price", rented.Price.Value.Value, $"{UsdAsGiven(rented.Price.Value.Value)}/h", rented.Price.Citation),
            new("paidHoursPerMonth", "paid hours per month", rented.HoursPerMonth.Value, $"{AsGiven(rented.HoursPerMonth.Value)} h", rented.HoursPerMonth.Citation),
        ],
        OwnedHardware owned =>
        [
            new("hardwareUsd", "hardware purchase", owned.Purchase.Value.Value, UsdAsGiven(owned.Purchase.Value.Value), owned.Purchase.Citation),
            new("amortizationYears", "amortisation period", owned.AmortizationYears.Value, $"{AsGiven(owned.AmortizationYears.Value)} years",
                owned.AmortizationYears.Citation),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(hardware), hardware, "unknown kind of hardware cost"),
    };

    public static AssumptionLine For(Cited<Utilization> utilization) =>
        new("utilization", "utilisation", utilization.Value.Value, Percent(utilization.Value.Value), utilization.Citation);

    public static IReadOnlyList<AssumptionLine> For(EnergyAssumptions energy) =>
    [
        new("electricityUsdPerKwh", "electricity price", energy.Electricity.Value.Value, $"{UsdAsGiven(energy.Electricity.Value.Value)}/kWh",
            energy.Electricity.Citation),
        new("pue", "PUE", energy.Pue.Value, AsGiven(energy.Pue.Value), energy.Pue.Citation),
        new("gridGramsCo2PerKwh", "grid carbon intensity", energy.GridCarbon.Value.Value, $"{AsGiven(energy.GridCarbon.Value.Value)} gCO2/kWh",
            energy.GridCarbon.Citation),
    ];

    public static IReadOnlyList<AssumptionLine> For(ApiComparison api) => [.. For(api.Price), For(api.Mix)];

    public static IReadOnlyList<AssumptionLine> For(Cited<ApiPrice> price) =>
    [
        new("apiUsdPer1MInputTokens", "API input price", price.Value.Input.Value, $"{UsdAsGiven(price.Value.Input.Value)}/1M tokens", price.Citation),
        new("apiUsdPer1MOutputTokens", "API output price", price.Value.Output.Value, $"{UsdAsGiven(price.Value.Output.Value)}/1M tokens", price.Citation),
    ];

    public static AssumptionLine For(Cited<TokenMix> mix) =>
        new("inputTokensPerOutputToken", "token mix", mix.Value.InputTokensPerOutputToken,
            $"{AsGiven(mix.Value.InputTokensPerOutputToken)} input per output token", mix.Citation);

    public static IReadOnlyList<AssumptionLine> For(TrainingEstimate training) =>
    [
        new("parameters", "parameters", training.Parameters.Value, Scientific(training.Parameters.Value), training.Parameters.Citation),
        new("tokens", "training tokens", training.Tokens.Value, Scientific(training.Tokens.Value), training.Tokens.Citation),
        new("sustainedTflopsPerGpu", "sustained per GPU", training.SustainedTflopsPerGpu.Value,
            $"{AsGiven(training.SustainedTflopsPerGpu.Value)} TFLOPS", training.SustainedTflopsPerGpu.Citation),
        new("usdPerGpuHour", "price per GPU-hour", training.PricePerGpuHour.Value.Value, $"{UsdAsGiven(training.PricePerGpuHour.Value.Value)}/h",
            training.PricePerGpuHour.Citation),
        new("gpus", "GPUs", training.Gpus.Value, AsGiven(training.Gpus.Value), training.Gpus.Citation),
    ];
}
