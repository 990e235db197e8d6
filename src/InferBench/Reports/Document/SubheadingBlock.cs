namespace InferBench.Reports.Document;

/// <summary>A third-level heading inside a section.</summary>
public sealed record SubheadingBlock(string Text) : ReportBlock;
