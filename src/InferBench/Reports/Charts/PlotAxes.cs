namespace InferBench.Reports.Charts;

/// <summary>Draws a numeric axis: grid lines at the ticks, their labels, the axis line and the axis title (with its unit).</summary>
internal static class PlotAxes
{
    private const double TickLabelGap = 16;
    private const double TitleGap = 34;

    /// <summary>A horizontal value axis along <paramref name="bottom"/>, grid lines up to <paramref name="top"/>.</summary>
    public static void X(SvgCanvas canvas, IReadOnlyList<double> ticks, LinearScale x, double top, double bottom, string title)
    {
        foreach (var tick in ticks)
        {
            canvas.Line(x.Map(tick), top, x.Map(tick), bottom, ChartPalette.Grid);
            canvas.Text(x.Map(tick), bottom + TickLabelGap, AxisTicks.Label(tick), "middle");
        }
        canvas.Line(x.Start, bottom, x.End, bottom, ChartPalette.Axis);
        canvas.Text((x.Start + x.End) / 2, bottom + TitleGap, title, "middle", fill: "#000");
    }

    /// <summary>A vertical value axis along <paramref name="left"/>, grid lines across to <paramref name="right"/>.</summary>
    public static void Y(SvgCanvas canvas, IReadOnlyList<double> ticks, LinearScale y, double left, double right, string title)
    {
        foreach (var tick in ticks)
        {
            canvas.Line(left, y.Map(tick), right, y.Map(tick), ChartPalette.Grid);
            canvas.Text(left - 6, y.Map(tick) + 4, AxisTicks.Label(tick), "end");
        }
        canvas.Line(left, y.Start, left, y.End, ChartPalette.Axis);
        canvas.Text(14, (y.Start + y.End) / 2, title, "middle", rotate: -90, fill: "#000");
    }
}
