namespace InferBench.Reports.Document;

/// <summary>Labelled lines, such as the run's setup: a list in Markdown, a description list in HTML.</summary>
public sealed record FactsBlock(IReadOnlyList<ReportFact> Facts) : ReportBlock;
