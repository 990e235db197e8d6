using InferBench.Forecast;
using InferBench.Reports.Document;
using InferBench.Results;

namespace InferBench.Reports;

/// <summary>A file of the run's report (<see cref="RunReport"/>) in one format: report.md or report.html.</summary>
/// <param name="render">Writes the report's document in the file's format.</param>
public abstract class RunReportExporter(string fileName, Func<ReportDocument, string> render) : IRunExporter
{
    string IRunExporter.FileName => fileName;

    public string Export(RunResult run, SavedForecast? forecast = null) => render(RunReport.For(run, forecast));
}
