using InferBench.Results;

namespace InferBench.Cost;

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
    /// <exception cref="InputException">The recorded utilisation is out of <see cref="CostInputs.Utilization"/> (a hand-edited run.json).</exception>
    public static CostModel? Model(CostSetup setup) => setup.PriceUsdPerHour is { } price
        ? new CostModel(new CostAssumptions(
            new RentedHardware(new(new UsdPerHour(price.Value), CitationOf(price)),
                new(CostCalendar.HoursPerMonth, Citation.Default("always on"))),
            new(UtilizationOf(setup.Utilization), CitationOf(setup.Utilization)),
            Energy(setup)))
        : null;

    private static Utilization UtilizationOf(CitedFigure figure) => CostInputs.Utilization.Accepts(figure.Value)
        ? new Utilization(figure.Value)
        : throw new InputException($"run.json: cost.utilization.value: expected {CostInputs.Utilization.Expected}, got {InputRange.Format(figure.Value)}");

    private static CitedFigure Figure(double value, Citation citation) =>
        new(value, citation.Source, citation.AsOf, citation.Provenance);

    private static Citation CitationOf(CitedFigure figure) =>
        new(figure.Source, figure.AsOf, figure.Provenance);
}
