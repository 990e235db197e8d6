namespace InferBench.Reports.Document;

/// <summary>A paragraph of literal text.</summary>
public sealed record ParagraphBlock(string Text) : ReportBlock;
