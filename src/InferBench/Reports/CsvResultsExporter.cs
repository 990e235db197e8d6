using InferBench.Cost.Runs;
using InferBench.Forecast;
using InferBench.Reports.Columns;
using InferBench.Results;

namespace InferBench.Reports;

/// <summary>
/// results.csv: one row per <see cref="ScenarioResult"/>, headed by the ids of <see cref="ResultColumns.Csv"/>, RFC 4180
/// quoting, LF line ends, invariant culture (<see cref="CsvTable"/>). The columns are documented in results/README.md.
/// </summary>
public sealed class CsvResultsExporter : IRunExporter
{
    public const string FileName = "results.csv";

    string IRunExporter.FileName => FileName;

    public string Export(RunResult run, SavedForecast? forecast = null)
    {
        var pricing = new RunPricing(run.Cost);
        return CsvTable.Write(ResultColumns.Csv, run.Results.Select(result => new PricedRow(result, pricing.For(result))));
    }
}
