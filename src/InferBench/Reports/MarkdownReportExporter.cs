using InferBench.Reports.Document;

namespace InferBench.Reports;

/// <summary>report.md: the run's report in Markdown, without charts.</summary>
public sealed class MarkdownReportExporter() : RunReportExporter(FileName, MarkdownRenderer.Render)
{
    public const string FileName = "report.md";
}
