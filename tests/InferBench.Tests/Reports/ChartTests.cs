using System.Globalization;
using System.Xml.Linq;
using InferBench.Reports.Charts;

namespace InferBench.Tests.Reports;

public sealed class ChartTests
{
    [Theory]
    [InlineData(0, 45.52, new[] { 0.0, 10, 20, 30, 40, 50 })]
    [InlineData(0, 0.3, new[] { 0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3 })]
    [InlineData(0, 24648, new[] { 0.0, 5000, 10000, 15000, 20000, 25000 })]
    [InlineData(0, 0, new[] { 0.0, 0.2, 0.4, 0.6, 0.8, 1 })]
    public void TicksAreStepsOfOneTwoOrFiveCoveringTheData(double min, double max, double[] expected)
    {
        var ticks = AxisTicks.Nice(min, max);

        Assert.Equal(expected, ticks.Select(tick => Math.Round(tick, 9)));
        Assert.Equal(["0", "0.05", "0.1"], AxisTicks.Nice(0, 0.3).Take(3).Select(AxisTicks.Label));
    }

    [Fact]
    public void BarLengthsAreProportionalToTheValuesAndWhiskersSpanTheInterval()
    {
        var svg = Parse(new BarChart("Decode tok/s", "tok/s", [
            new Bar("fp32", 20, "20 tok/s", "#0072B2", Low: 18, High: 22),
            new Bar("int4", 40, "40 tok/s", "#E69F00"),
        ]).ToSvg());

        var bars = svg.Elements("rect").ToList();
        Assert.Equal(2, bars.Count);
        Assert.Equal(2 * Width(bars[0]), Width(bars[1]), 6);
        Assert.Equal(["#0072B2", "#E69F00"], bars.Select(bar => (string)bar.Attribute("fill")!));
        Assert.Contains(svg.Elements("text"), text => text.Value == "int4");
        Assert.Contains(svg.Elements("text"), text => text.Value == "40 tok/s");
        var whisker = svg.Elements("line").Where(line => (string)line.Attribute("stroke")! == "#000").ToList();
        Assert.Equal(3, whisker.Count); // the span and its two caps
        var x = LinearMap(bars[0], 20);
        Assert.Equal(x(18), double.Parse((string)whisker[0].Attribute("x1")!, CultureInfo.InvariantCulture), 1);
        Assert.Equal(x(22), double.Parse((string)whisker[0].Attribute("x2")!, CultureInfo.InvariantCulture), 1);
    }

    [Fact]
    public void LinesJoinEachSeriesInOrderOfXAndTheLegendNamesThem()
    {
        var svg = Parse(new XyChart("tok/s against batch", "batch", "tok/s", [
            new XySeries("fp32", "#0072B2", SeriesStyle.LineWithMarkers, [new XyPoint(4, 60), new XyPoint(1, 20)]),
            new XySeries("int4", "#E69F00", SeriesStyle.LineWithMarkers, [new XyPoint(1, 54), new XyPoint(4, 150)]),
        ], XTicks: [1, 4]).ToSvg());

        var lines = svg.Elements("polyline").ToList();
        Assert.Equal(2, lines.Count);
        var fp32 = Points(lines[0]);
        Assert.True(fp32[0].X < fp32[1].X && fp32[0].Y > fp32[1].Y, "fp32 rises from batch 1 to batch 4");
        Assert.Equal(4, svg.Elements("circle").Count());
        Assert.Contains(svg.Elements("text"), text => text.Value == "fp32");
        Assert.Contains(svg.Elements("text"), text => text.Value == "int4");
        Assert.Equal(["1", "4"], svg.Elements("text").Select(t => t.Value).Where(v => v is "1" or "4"));
    }

    [Fact]
    public void ScatterLabelsItsPointsAndDrawsTheFrontierDashedWithoutMarkers()
    {
        var svg = Parse(new XyChart("speed against cost", "$/1M", "tok/s", [
            new XySeries("Pareto frontier", "#555", SeriesStyle.DashedLine, [new XyPoint(1, 50), new XyPoint(3, 90)]),
            new XySeries(null, "#0072B2", SeriesStyle.Markers, [new XyPoint(1, 50, "int4")]),
            new XySeries(null, "#E69F00", SeriesStyle.Markers, [new XyPoint(3, 90, "fp32")]),
        ]).ToSvg());

        Assert.Equal("5 4", (string)svg.Element("polyline")!.Attribute("stroke-dasharray")!);
        Assert.Equal(2, svg.Elements("circle").Count());
        Assert.Contains(svg.Elements("text"), text => text.Value == "int4");
        Assert.Contains(svg.Elements("text"), text => text.Value == "Pareto frontier");
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    public void SvgNumbersDoNotDependOnTheCurrentCulture(string culture)
    {
        var chart = new XyChart("t", "x", "y", [new XySeries("s", "#000", SeriesStyle.LineWithMarkers, [new XyPoint(0.5, 1.25), new XyPoint(2.5, 3.75)])]);

        Assert.Equal(chart.ToSvg(), CultureScope.Run(culture, chart.ToSvg));
    }

    private static XElement Parse(string svg) => XElement.Parse(svg);

    private static double Width(XElement rect) => double.Parse((string)rect.Attribute("width")!, CultureInfo.InvariantCulture);

    /// <summary>The canvas x of a value, from a bar that starts at zero and is <paramref name="value"/> long.</summary>
    private static Func<double, double> LinearMap(XElement bar, double value)
    {
        var x0 = double.Parse((string)bar.Attribute("x")!, CultureInfo.InvariantCulture);
        var perUnit = Width(bar) / value;
        return v => x0 + v * perUnit;
    }

    private static List<(double X, double Y)> Points(XElement polyline) =>
    [
        .. ((string)polyline.Attribute("points")!).Split(' ').Select(pair => pair.Split(','))
            .Select(xy => (double.Parse(xy[0], CultureInfo.InvariantCulture), double.Parse(xy[1], CultureInfo.InvariantCulture))),
    ];
}
