using InferBench.Cost.Runs;
using InferBench.Results;

namespace InferBench.Reports.Columns;

/// <summary>One row of results.csv: a static-batch row (<see cref="Static"/>) or a serving load point (<see cref="Serving"/>), exactly one of them.</summary>
public sealed record ResultsRow(PricedRow? Static, PricedServingPoint? Serving)
{
    /// <summary>The run's rows in results.csv's order: its static rows, then its serving points, each priced by <paramref name="pricing"/>.</summary>
    public static IEnumerable<ResultsRow> Of(RunResult run, RunPricing pricing) =>
    [
        .. run.Results.Select(result => new ResultsRow(new PricedRow(result, pricing.For(result)), null)),
        .. (run.Serving ?? []).Select(point => new ResultsRow(null, new PricedServingPoint(point, pricing.For(point)))),
    ];
}
