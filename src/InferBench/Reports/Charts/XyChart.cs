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
        var labels = new List<(double Left, double Top, double Right, double Bottom)>();
        foreach (var series in Series)
            Draw(canvas, series, x, y, labels);
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

    private static void Draw(SvgCanvas canvas, XySeries series, LinearScale x, LinearScale y, List<(double, double, double, double)> labels)
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
            if (series.Style == SeriesStyle.Markers && point.Label is { } label)
                PlaceLabel(canvas, point.X, point.Y, label, labels);
        }
    }

    /// <summary>
    /// Writes a point's label above it, else below it, where it overlaps no label placed before; labels right of the
    /// middle go to the point's left, so they stay on the canvas.
    /// </summary>
    private static void PlaceLabel(SvgCanvas canvas, double x, double y, string label, List<(double Left, double Top, double Right, double Bottom)> placed)
    {
        var width = label.Length * SvgCanvas.CharacterWidth;
        var leftward = x > Width / 2;
        var left = leftward ? x - 7 - width : x + 7;
        var baseline = new[] { y - 7, y + 7 + SvgCanvas.FontSize }
            .FirstOrDefault(b => !placed.Any(p => left < p.Right && p.Left < left + width && b - SvgCanvas.FontSize < p.Bottom && p.Top < b), y - 7);
        placed.Add((left, baseline - SvgCanvas.FontSize, left + width, baseline));
        canvas.Text(leftward ? x - 7 : x + 7, baseline, label, leftward ? "end" : "start");
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
