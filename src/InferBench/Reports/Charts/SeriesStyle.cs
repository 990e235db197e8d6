namespace InferBench.Reports.Charts;

public enum SeriesStyle
{
    /// <summary>Points joined in order of x, each marked.</summary>
    LineWithMarkers,
    /// <summary>Marked points, each with its label beside it.</summary>
    Markers,
    /// <summary>A dashed line through the points, unmarked (such as a Pareto frontier).</summary>
    DashedLine,
}
