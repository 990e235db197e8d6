namespace InferBench.Reports.Charts;

/// <summary>
/// Series over two numeric axes: lines (one per variant, say) or labelled points, with a legend of the named series
/// below. The y axis starts at zero; the x axis too, unless <see cref="XTicks"/> names the values to mark (batch sizes).
/// </summary>
public sealed record XyChart(string Title, string XTitle, string YTitle, IReadOnlyList<XySeries> Series, IReadOnlyList<double>? XTicks = null)
{
    private const double Width = 520, Left = 64, Right = 20, Top = 12, PlotHeight = 230, Bottom = 48, LegendRow = 20, Swatch = 18;

    public string ToSvg()
    {
        var points = Series.SelectMany(series => series.Points).ToList();
        var legend = LegendLayout();
        var plotBottom = Top + PlotHeight;
        var canvas = new SvgCanvas(Width, plotBottom + Bottom + legend.Rows * LegendRow, Title);
        var yTicks = AxisTicks.Nice(0, points.Select(p => p.Y).DefaultIfEmpty(0).Max());
        var y = LinearScale.Over(yTicks, plotBottom, Top);
        var (xTicks, x) = XAxis(points);
        PlotAxes.Y(canvas, yTicks, y, Left, Width - Right, YTitle);
        PlotAxes.X(canvas, xTicks, x, Top, plotBottom, XTitle);
        foreach (var series in Series)
            Draw(canvas, series, x, y);
        foreach (var (series, column, row) in legend.Entries)
        {
            var legendY = plotBottom + Bottom + row * LegendRow + 4;
            canvas.Line(column, legendY - 4, column + Swatch, legendY - 4, series.Color, 3, series.Style == SeriesStyle.DashedLine);
            canvas.Text(column + Swatch + 4, legendY, series.Name!);
        }
        return canvas.Close();
    }

    private (IReadOnlyList<double> Ticks, LinearScale Scale) XAxis(IReadOnlyList<XyPoint> points)
    {
        if (XTicks is not { Count: > 0 } marked)
        {
            var ticks = AxisTicks.Nice(0, points.Select(p => p.X).DefaultIfEmpty(0).Max());
            return (ticks, LinearScale.Over(ticks, Left, Width - Right));
        }
        // Marked values sit inside the frame, not on its edges; a single one sits in the middle.
        var (min, max) = (marked.Min(), marked.Max());
        var pad = max > min ? (max - min) * 0.05 : 1;
        return (marked, new LinearScale(min - pad, max + pad, Left, Width - Right));
    }

    private static void Draw(SvgCanvas canvas, XySeries series, LinearScale x, LinearScale y)
    {
        var mapped = series.Points.OrderBy(p => p.X).Select(p => (X: x.Map(p.X), Y: y.Map(p.Y), p.Label)).ToList();
        if (series.Style != SeriesStyle.Markers && mapped.Count > 1)
            canvas.Polyline(mapped.Select(p => (p.X, p.Y)), series.Color, series.Style == SeriesStyle.DashedLine ? 1.5 : 2.5,
                series.Style == SeriesStyle.DashedLine);
        if (series.Style == SeriesStyle.DashedLine)
            return;
        foreach (var point in mapped)
        {
            canvas.Circle(point.X, point.Y, 4.5, series.Color);
            // Labels right of the middle go to the point's left, so they stay on the canvas.
            if (series.Style == SeriesStyle.Markers && point.Label is { } label)
                canvas.Text(point.X > Width / 2 ? point.X - 7 : point.X + 7, point.Y - 7, label, point.X > Width / 2 ? "end" : "start");
        }
    }

    private (int Rows, IReadOnlyList<(XySeries Series, double X, int Row)> Entries) LegendLayout()
    {
        var entries = new List<(XySeries, double, int)>();
        var (column, row) = (Left, 0);
        foreach (var series in Series.Where(series => series.Name is not null))
        {
            var width = Swatch + 4 + series.Name!.Length * SvgCanvas.CharacterWidth + 16;
            if (column + width > Width - Right && column > Left)
                (column, row) = (Left, row + 1);
            entries.Add((series, column, row));
            column += width;
        }
        return (entries.Count == 0 ? 0 : row + 1, entries);
    }
}
