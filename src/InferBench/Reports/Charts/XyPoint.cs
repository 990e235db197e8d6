namespace InferBench.Reports.Charts;

/// <param name="Label">Written beside the point by <see cref="SeriesStyle.Markers"/> series.</param>
public sealed record XyPoint(double X, double Y, string? Label = null);
