using InferBench.Reports.Document;

namespace InferBench.Reports;

/// <summary>report.html: the run's report in one self-contained page, with its charts.</summary>
public sealed class HtmlReportExporter() : RunReportExporter(FileName, HtmlRenderer.Render)
{
    public const string FileName = "report.html";
}
