namespace InferBench.Reports.Charts;

/// <param name="Name">The legend entry; null keeps the series out of the legend.</param>
public sealed record XySeries(string? Name, string Color, SeriesStyle Style, IReadOnlyList<XyPoint> Points);
