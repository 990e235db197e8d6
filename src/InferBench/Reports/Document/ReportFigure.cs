namespace InferBench.Reports.Document;

/// <summary>One chart of an HTML report: an inline SVG element and the caption that says what it shows.</summary>
public sealed record ReportFigure(string Caption, string Svg);
