namespace InferBench.Reports.Document;

/// <summary>A bulleted list of literal sentences.</summary>
public sealed record ListBlock(IReadOnlyList<string> Items) : ReportBlock;
