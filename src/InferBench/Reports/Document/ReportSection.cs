namespace InferBench.Reports.Document;

/// <summary>A section of a report under its own second-level heading.</summary>
/// <param name="Enclosed">
/// True for a part of its own (a model, the forecasts, the drift), written in HTML as a <c>section</c> element; false
/// for a list under a heading, such as the cost assumptions.
/// </param>
/// <param name="HtmlClass">The class of the <c>section</c> element, when it has one.</param>
public sealed record ReportSection(string Heading, IReadOnlyList<ReportBlock> Blocks, bool Enclosed = false, string? HtmlClass = null);
