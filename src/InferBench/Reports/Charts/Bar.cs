namespace InferBench.Reports.Charts;

/// <summary>One bar: a labelled value, the text shown for it (with its unit), and optionally an interval drawn as a whisker.</summary>
public sealed record Bar(string Label, double Value, string ValueText, string Color, double? Low = null, double? High = null);
