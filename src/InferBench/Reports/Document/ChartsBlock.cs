namespace InferBench.Reports.Document;

/// <summary>Charts side by side; only HTML shows them, and none writes nothing.</summary>
public sealed record ChartsBlock(IReadOnlyList<ReportFigure> Figures) : ReportBlock;
