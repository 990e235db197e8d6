namespace InferBench.Results;

/// <summary>
/// The assumptions a run's cost figures rest on, each with its source. Reports derive $ per 1M tokens from these and
/// the measurements; nothing priced is stored in the rows, so a report can be re-priced by editing only this.
/// </summary>
/// <param name="PriceUsdPerHour">Rented hardware price, USD/h (--price-per-hour or a catalog instance); null when none was given.</param>
/// <param name="Utilization">Share of paid hours spent generating (0-1]: an idle rented machine still costs money.</param>
public sealed record CostSetup(
    CitedFigure? PriceUsdPerHour,
    CitedFigure Utilization,
    CitedFigure ElectricityUsdPerKilowattHour,
    CitedFigure Pue,
    CitedFigure GridGramsCo2PerKilowattHour);
