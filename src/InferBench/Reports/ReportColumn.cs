namespace InferBench.Reports;

/// <summary>A column of the per-model tables: its title with the unit, and whether its cells are numbers (right-aligned).</summary>
public sealed record ReportColumn(string Title, bool Numeric);
