using InferBench.Forecast;
using InferBench.Reports.Document;
using InferBench.Results;

namespace InferBench.Reports;

/// <summary>report.html: the run's report (<see cref="RunReport"/>) in one self-contained page, with its charts.</summary>
public sealed class HtmlReportExporter : IRunExporter
{
    public const string FileName = "report.html";

    string IRunExporter.FileName => FileName;

    public string Export(RunResult run, SavedForecast? forecast = null) => HtmlRenderer.Render(RunReport.For(run, forecast));
}
