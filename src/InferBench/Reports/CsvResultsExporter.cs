using InferBench.Cost.Runs;
using InferBench.Forecast;
using InferBench.Reports.Columns;
using InferBench.Results;

namespace InferBench.Reports;

/// <summary>
/// results.csv: one row per <see cref="ScenarioResult"/>, then one per serving point (<see cref="RunResult.Serving"/>), headed by the ids of <see cref="ResultColumns.Csv"/>, RFC 4180
/// quoting, LF line ends, invariant culture (<see cref="CsvTable"/>). The columns are documented in results/README.md.
/// </summary>
public sealed class CsvResultsExporter : IRunExporter
{
    public const string FileName = "results.csv";

    string IRunExporter.FileName => FileName;

    public string Export(RunResult run, SavedForecast? forecast = null)
    {
        return CsvTable.Write(ResultColumns.For(run.Serving is { Count: > 0 }), ResultsRow.Of(run, new RunPricing(run.Cost)));
    }
}
