namespace InferBench.Reports.Charts;

/// <summary>
/// Horizontal bars from zero, one per row with its label above it and its value at the right, so long variant names
/// never collide; an interval, when a bar has one, is drawn as a whisker.
/// </summary>
public sealed record BarChart(string Title, string ValueTitle, IReadOnlyList<Bar> Bars)
{
    private const double Width = 520, Left = 12, Right = 24, Top = 8, RowHeight = 40, BarHeight = 14, Bottom = 44;

    public string ToSvg()
    {
        var plotBottom = Top + Bars.Count * RowHeight;
        var ticks = AxisTicks.Nice(0, Bars.Select(bar => Math.Max(bar.Value, bar.High ?? 0)).DefaultIfEmpty(0).Max());
        var x = LinearScale.Over(ticks, Left, Width - Right);
        var canvas = new SvgCanvas(Width, plotBottom + Bottom, Title);
        PlotAxes.X(canvas, ticks, x, Top, plotBottom, ValueTitle);
        for (var i = 0; i < Bars.Count; i++)
        {
            var bar = Bars[i];
            var rowTop = Top + i * RowHeight;
            canvas.Text(Left, rowTop + 14, bar.Label, fill: "#000");
            canvas.Text(Width - Right, rowTop + 14, bar.ValueText, "end");
            var barTop = rowTop + 20;
            canvas.Rect(x.Map(0), barTop, x.Map(bar.Value) - x.Map(0), BarHeight, bar.Color);
            if (bar is { Low: { } low, High: { } high })
                Whisker(canvas, x.Map(Math.Max(low, 0)), x.Map(high), barTop + BarHeight / 2);
        }
        return canvas.Close();
    }

    private static void Whisker(SvgCanvas canvas, double from, double to, double y)
    {
        canvas.Line(from, y, to, y, "#000", 1.5);
        canvas.Line(from, y - 5, from, y + 5, "#000", 1.5);
        canvas.Line(to, y - 5, to, y + 5, "#000", 1.5);
    }
}
