namespace InferBench.Reports;

/// <summary>One chart of report.html: an inline SVG element and the caption that says what it shows.</summary>
public sealed record ReportFigure(string Caption, string Svg);
