namespace InferBench.Reports.Document;

/// <summary>
/// A report as content, apart from its format: a title, the blocks under it, the sections, and the definitions that close
/// it. <see cref="MarkdownRenderer"/> and <see cref="HtmlRenderer"/> write any report, the run's and the merge's alike.
/// </summary>
/// <param name="Lead">The blocks between the title and the first section: warnings, when it ran, the setup.</param>
/// <param name="Definitions">Our own prose, written as it is in Markdown (it has no markup to escape) and escaped in HTML.</param>
public sealed record ReportDocument(string Title, IReadOnlyList<ReportBlock> Lead, IReadOnlyList<ReportSection> Sections, string Definitions);
