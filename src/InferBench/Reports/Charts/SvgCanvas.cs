using System.Globalization;
using System.Text;

namespace InferBench.Reports.Charts;

/// <summary>
/// Writes one inline SVG element: a viewBox so it scales to its container, invariant numbers, escaped text, and no ids
/// or external references, so several can share an HTML page.
/// </summary>
internal sealed class SvgCanvas
{
    public const double FontSize = 12;

    /// <summary>A rough average glyph width of the sans-serif font at <see cref="FontSize"/>, for laying out labels.</summary>
    public const double CharacterWidth = 6.6;

    private readonly StringBuilder _svg = new();

    public SvgCanvas(double width, double height, string title)
    {
        _svg.Append($"<svg class=\"chart\" viewBox=\"0 0 {N(width)} {N(height)}\" width=\"{N(width)}\" height=\"{N(height)}\" ")
            .Append($"role=\"img\" font-family=\"system-ui, sans-serif\" font-size=\"{N(FontSize)}\"><title>{Escape(title)}</title>");
    }

    public void Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, bool dashed = false) =>
        _svg.Append($"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{stroke}\" stroke-width=\"{N(width)}\"{Dash(dashed)}/>");

    public void Rect(double x, double y, double width, double height, string fill) =>
        _svg.Append($"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(width)}\" height=\"{N(height)}\" fill=\"{fill}\"/>");

    public void Circle(double x, double y, double radius, string fill) =>
        _svg.Append($"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"{N(radius)}\" fill=\"{fill}\" stroke=\"#fff\"/>");

    public void Polyline(IEnumerable<(double X, double Y)> points, string stroke, double width, bool dashed = false) =>
        _svg.Append($"<polyline points=\"{string.Join(' ', points.Select(p => $"{N(p.X)},{N(p.Y)}"))}\" fill=\"none\" ")
            .Append($"stroke=\"{stroke}\" stroke-width=\"{N(width)}\" stroke-linejoin=\"round\"{Dash(dashed)}/>");

    /// <param name="anchor">start, middle or end.</param>
    /// <param name="rotate">Degrees about (x, y); -90 reads bottom to top.</param>
    public void Text(double x, double y, string text, string anchor = "start", double rotate = 0, string fill = "#333")
    {
        var transform = rotate == 0 ? "" : $" transform=\"rotate({N(rotate)} {N(x)} {N(y)})\"";
        _svg.Append($"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\" fill=\"{fill}\"{transform}>{Escape(text)}</text>");
    }

    public string Close() => _svg.Append("</svg>").ToString();

    /// <summary>Two decimals at most: enough for a 500-unit canvas, and short.</summary>
    public static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    private static string Dash(bool dashed) => dashed ? " stroke-dasharray=\"5 4\"" : "";

    private static string Escape(string text) => HtmlText.Escape(text);
}
