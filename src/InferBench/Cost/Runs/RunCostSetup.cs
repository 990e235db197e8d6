using InferBench.Cost.Citations;
using InferBench.Cost.Model;
using InferBench.Cost.Sheets;
using InferBench.Cost.Units;
using InferBench.Results;

namespace InferBench.Cost.Runs;

/// <summary>Converts between the cost model's cited assumptions and the plain <see cref="CostSetup"/> run.json records.</summary>
public static class RunCostSetup
{
    public static CostSetup Record(Cited<UsdPerHour>? price, Cited<Utilization> utilization, EnergyAssumptions energy) => new(
        price is { } p ? Figure(p.Value.Value, p.Citation) : null,
        Figure(utilization.Value.Value, utilization.Citation),
        Figure(energy.Electricity.Value.Value, energy.Electricity.Citation),
        Figure(energy.Pue.Value, energy.Pue.Citation),
        Figure(energy.GridCarbon.Value.Value, energy.GridCarbon.Citation));

    public static EnergyAssumptions Energy(CostSetup setup) => new(
        new(new UsdPerKilowattHour(setup.ElectricityUsdPerKilowattHour.Value), CitationOf(setup.ElectricityUsdPerKilowattHour)),
        new(setup.Pue.Value, CitationOf(setup.Pue)),
        new(new GramsCo2PerKilowattHour(setup.GridGramsCo2PerKilowattHour.Value), CitationOf(setup.GridGramsCo2PerKilowattHour)));

    /// <summary>The model for a run with a rented-hardware price; null when the run was given none.</summary>
    public static CostModel? Model(CostSetup setup) => setup.PriceUsdPerHour is { } price
        ? new CostModel(new CostAssumptions(
            new RentedHardware(new(new UsdPerHour(price.Value), CitationOf(price)),
                new(CostCalendar.HoursPerMonth, Citation.Default("always on"))),
            new(new Utilization(setup.Utilization.Value), CitationOf(setup.Utilization)),
            Energy(setup)))
        : null;

    /// <summary>
    /// <paramref name="setup"/> with another hardware price, such as a machine's catalog instance; a run that recorded no
    /// assumptions gets the catalog's energy defaults and full utilisation.
    /// </summary>
    public static CostSetup Repriced(CostSetup? setup, Cited<UsdPerHour> price, EnergyAssumptions defaultEnergy) => setup is null
        ? Record(price, new(Utilization.Full, Citation.Default("busy every paid hour")), defaultEnergy)
        : setup with { PriceUsdPerHour = Figure(price.Value.Value, price.Citation) };

    /// <summary>
    /// Holds a run.json's recorded assumptions to the ranges the command line holds them to (<see cref="CostInputs"/>),
    /// so a hand-edited file cannot price to a 300-digit figure or to infinity.
    /// </summary>
    /// <param name="file">The run.json's path, for the message.</param>
    /// <exception cref="InputException">A figure is out of its range; the message names the file, the JSON path and the range.</exception>
    public static void Check(CostSetup setup, string file)
    {
        (string Field, CitedFigure? Figure, InputRange Range)[] figures =
        [
            ("priceUsdPerHour", setup.PriceUsdPerHour, CostInputs.PricePerHourUsd),
            ("utilization", setup.Utilization, CostInputs.Utilization),
            ("electricityUsdPerKilowattHour", setup.ElectricityUsdPerKilowattHour, CostInputs.ElectricityUsdPerKilowattHour),
            ("pue", setup.Pue, CostInputs.Pue),
            ("gridGramsCo2PerKilowattHour", setup.GridGramsCo2PerKilowattHour, CostInputs.GridGramsCo2PerKilowattHour),
        ];
        foreach (var (field, figure, range) in figures)
        {
            if (figure is not null && !range.Accepts(figure.Value))
                throw new InputException($"{file}: $.cost.{field}.value: expected {range.Expected}, got {InputRange.Format(figure.Value)}");
        }
    }

    private static CitedFigure Figure(double value, Citation citation) =>
        new(value, citation.Source, citation.AsOf, citation.Provenance);

    private static Citation CitationOf(CitedFigure figure) =>
        new(figure.Source, figure.AsOf, figure.Provenance);
}
