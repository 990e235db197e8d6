using InferBench.Forecast;
using InferBench.Reports.Document;
using InferBench.Results;

namespace InferBench.Reports;

/// <summary>report.md: the run's report (<see cref="RunReport"/>) in Markdown.</summary>
public sealed class MarkdownReportExporter : IRunExporter
{
    public const string FileName = "report.md";

    string IRunExporter.FileName => FileName;

    public string Export(RunResult run, SavedForecast? forecast = null) => MarkdownRenderer.Render(RunReport.For(run, forecast));
}
