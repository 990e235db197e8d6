using InferBench.Cost.Runs;
using InferBench.Reports.Charts;
using InferBench.Results;
using ParetoPoint = (InferBench.Results.ScenarioResult Row, InferBench.Reports.Charts.XyPoint Point, double? Quality);

namespace InferBench.Reports;

/// <summary>
/// Decode tok/s against $/1M (or J/token without a price) across a model's variants, and the Pareto frontier: the
/// variants no other beats on speed, that cost and, when every variant has it, quality: the perplexity change against the
/// reference on text (real models), else top-1 agreement with the reference (which agrees with itself). With a rental
/// price faster is always cheaper, so quality is what is traded for speed.
/// </summary>
internal static class ParetoChart
{
    /// <param name="rows">One row per variant, all at one plan point.</param>
    /// <returns>The axis the cost is on, the chart, and the frontier in words; null without two variants to place.</returns>
    public static (string Cost, string Svg, string Frontier)? For(IReadOnlyList<ScenarioResult> rows, RunPricing pricing,
        Func<ScenarioResult, string> label, Func<ScenarioResult, string> color, string jPerToken)
    {
        Func<ScenarioResult, double?> cost = pricing.HasPrice
            ? row => pricing.For(row).HardwarePerMillionGeneratedTokens?.Value
            : row => row.Energy?.JoulesPerGeneratedToken;
        var title = pricing.HasPrice ? "$ per 1M generated tokens" : jPerToken;
        var references = rows.Select(row => row.Fidelity?.Reference).OfType<string>().ToHashSet();
        var placed = rows.Where(row => cost(row) is not null).ToList();
        var onText = placed.All(row => row.Quality?.PerplexityChangePercent is not null);
        // Higher is better on both: less perplexity added, or more agreement.
        Func<ScenarioResult, double?> quality = onText
            ? row => -row.Quality!.PerplexityChangePercent
            : row => row.Fidelity?.Top1Agreement ?? (references.Contains(row.Variant) ? 1.0 : null);
        List<ParetoPoint> points =
        [
            .. placed.Select(row => (row, new XyPoint(cost(row)!.Value, row.Metrics!.DecodeTokensPerSecond.Median, label(row)), quality(row))),
        ];
        if (points.Count < 2)
            return null;
        var withFidelity = points.All(p => p.Quality is not null);
        bool AtLeastAsGood(ParetoPoint a, ParetoPoint b) =>
            a.Point.Y >= b.Point.Y && a.Point.X <= b.Point.X && (!withFidelity || a.Quality >= b.Quality);
        var frontier = points.Where(p => !points.Any(q => AtLeastAsGood(q, p) && !AtLeastAsGood(p, q))).OrderBy(p => p.Point.X).ToList();
        List<XySeries> series =
        [
            .. frontier.Count > 1
                ? [new XySeries("Pareto frontier", ChartPalette.Frontier, SeriesStyle.DashedLine, [.. frontier.Select(p => p.Point)])]
                : Array.Empty<XySeries>(),
            .. points.Select(p => new XySeries(null, color(p.Row), SeriesStyle.Markers, [p.Point])),
        ];
        var over = withFidelity ? $"speed, {title} and {(onText ? "perplexity change" : "top-1 agreement")}" : $"speed and {title}";
        return (title, new XyChart($"Decode tok/s against {title}", title, ReportCharts.DecodeTitle, series).ToSvg(),
            $"Pareto frontier over {over}: {string.Join(", ", frontier.Select(p => p.Row.Variant))}");
    }
}
