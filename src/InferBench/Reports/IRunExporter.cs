using InferBench.Forecast;
using InferBench.Results;

namespace InferBench.Reports;

/// <summary>Turns a <see cref="RunResult"/> into the text of one file of the run folder: run.json, results.csv, report.md or report.html.</summary>
public interface IRunExporter
{
    /// <summary>The file name inside the run folder, such as <c>results.csv</c>.</summary>
    string FileName { get; }

    /// <param name="forecast">The run folder's forecast.json, shown by the human reports in a section of its own; results.csv and run.json have none.</param>
    string Export(RunResult run, SavedForecast? forecast = null);
}
