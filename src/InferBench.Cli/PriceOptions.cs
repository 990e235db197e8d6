using System.CommandLine;
using InferBench.Cost.Catalog;
using InferBench.Cost.Citations;
using InferBench.Cost.Runs;
using InferBench.Cost.Units;
using InferBench.Results;

namespace InferBench.Cli;

/// <summary>
/// The --price-per-hour, --gpu and --utilization options, shared by <c>run</c> and <c>cost</c> so both read a price and
/// a utilisation the same way and cite them in the same words.
/// </summary>
public sealed class PriceOptions
{
    public Option<double?> PricePerHour { get; } = NumberOption.Create("--price-per-hour",
        "Rented hardware: what the machine costs, USD per hour, from which $ per 1M tokens are priced", CostInputs.PricePerHourUsd);

    public Option<string?> GpuInstance { get; } = new("--gpu")
    {
        Description = "Rented hardware: a GPU instance id from the pricing catalog (docs/cost-model.md), priced at its USD per hour",
    };

    public Option<double?> UtilizationFraction { get; } = NumberOption.Create("--utilization",
        "Share of paid hours spent generating: an idle rented machine still costs money [default: 1]", CostInputs.Utilization);

    /// <summary>The hourly price from --price-per-hour or a catalog --gpu instance; null when neither is given.</summary>
    /// <remarks>The caller has checked that at most one price is given (<see cref="RequireOnePrice"/>).</remarks>
    /// <exception cref="InputException">The instance is not in <paramref name="catalog"/>.</exception>
    public Cited<UsdPerHour>? RentalPrice(ParseResult parseResult, PricingCatalog catalog)
    {
        if (GivenPricePerHour(parseResult) is { } price)
            return price;
        if (parseResult.GetValue(GpuInstance) is { } id)
        {
            var instance = PricingCatalog.Find(catalog.GpuInstances, id, GpuInstance.Name);
            return new(instance.Price, instance.Citation);
        }
        return null;
    }

    /// <summary>The hourly price --price-per-hour gives, cited as given; null when it is not given.</summary>
    public Cited<UsdPerHour>? GivenPricePerHour(ParseResult parseResult) => parseResult.GetValue(PricePerHour) is { } usd
        ? new(new UsdPerHour(usd), Citation.Given(PricePerHour.Name))
        : null;

    public Cited<Utilization> ReadUtilization(ParseResult parseResult) => parseResult.GetValue(UtilizationFraction) is { } fraction
        ? new(new(fraction), Citation.Given(UtilizationFraction.Name))
        : new(Utilization.Full, Citation.Default($"busy every paid hour; set {UtilizationFraction.Name}"));

    /// <summary>Refuses more than one of --price-per-hour, --gpu and <paramref name="otherPrices"/>.</summary>
    /// <exception cref="InputException">Two or more are given.</exception>
    public void RequireOnePrice(ParseResult parseResult, params Option[] otherPrices)
    {
        var given = new Option[] { PricePerHour, GpuInstance }.Concat(otherPrices).Where(parseResult.IsGiven).ToList();
        if (given.Count > 1)
            throw new InputException($"{string.Join(" and ", given.Select(option => option.Name))} cannot be used together: give one price");
    }
}
