using InferBench.Cost.Citations;
using InferBench.Cost.Model;
using InferBench.Cost.Units;

namespace InferBench.Tests.Cost;

/// <summary>Round-number assumptions, so expected costs can be worked out by hand.</summary>
internal static class CostSamples
{
    /// <summary>$0.10/kWh, PUE 1.5, 400 gCO2/kWh.</summary>
    public static EnergyAssumptions Energy { get; } = new(
        new(new UsdPerKilowattHour(0.10), Citation.Given("--electricity-usd-per-kwh")),
        new(1.5, Citation.Given("--pue")),
        new(new GramsCo2PerKilowattHour(400), Citation.Given("--grid-gco2-per-kwh")));

    public static RentedHardware Rented(double usdPerHour, double hoursPerMonth = CostCalendar.HoursPerMonth) => new(
        new(new UsdPerHour(usdPerHour), Citation.Given("--price-per-hour")),
        new(hoursPerMonth, Citation.Given("--hours-per-month")));

    public static OwnedHardware Owned(double purchaseUsd, double years) => new(
        new(new Usd(purchaseUsd), Citation.Given("--hardware-cost-usd")),
        new(years, Citation.Given("--amortization-years")));

    public static CostModel Model(HardwareCost hardware, double utilization = 1) =>
        new(new CostAssumptions(hardware, new(new Utilization(utilization), Citation.Given("--utilization")), Energy));

    /// <param name="inputUsd">Per 1M input tokens.</param>
    /// <param name="outputUsd">Per 1M output tokens.</param>
    public static ApiComparison Api(double inputUsd, double outputUsd, double inputTokensPerOutputToken) => new(
        "test-api",
        new(new ApiPrice(new(inputUsd), new(outputUsd)), Citation.Given("--api-usd-per-1m-input, --api-usd-per-1m-output")),
        new(new TokenMix(inputTokensPerOutputToken), Citation.Given("--input-output-ratio")));
}
