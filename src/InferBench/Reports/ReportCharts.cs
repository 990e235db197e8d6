using InferBench.Cost.Model;
using InferBench.Cost.Runs;
using InferBench.Cost.Sheets;
using InferBench.Reports.Charts;
using InferBench.Reports.Document;
using InferBench.Results;
using static InferBench.Reports.ReportCell;
using static InferBench.Results.ReadableNumber;

namespace InferBench.Reports;

/// <summary>
/// The charts of one model in report.html, over its first workload (prompt and gen tokens) in run order: decode tok/s
/// and $/1M by variant, tok/s and J/token against batch size, and speed against cost (or energy) with its Pareto frontier,
/// each point labelled with its fidelity where the row has one.
/// </summary>
internal static class ReportCharts
{
    private const string BatchTitle = "batch size (sequences)";
    public const string DecodeTitle = "decode tok/s (median)";

    public static IReadOnlyList<ReportFigure> For(IReadOnlyList<ScenarioResult> modelRows, RunPricing pricing)
    {
        var measured = modelRows.Where(row => Throughput.Of(row) is not null).ToList();
        if (measured.Count == 0)
            return [];
        var first = measured[0];
        var rows = measured.Where(row => row.PromptTokens == first.PromptTokens && row.GenTokens == first.GenTokens).ToList();
        var severalEps = rows.Select(row => row.ExecutionProvider).Distinct().Count() > 1;
        var variants = rows.Select(row => Label(row, severalEps)).Distinct().ToList();
        string Color(ScenarioResult row) => ChartPalette.Color(variants.IndexOf(Label(row, severalEps)));
        var batch = rows.Min(row => row.BatchSize);
        var smallest = rows.Where(row => row.BatchSize == batch).DistinctBy(row => Label(row, severalEps)).ToList();
        var where = $"at batch {Integer(batch)}, prompt {Integer(first.PromptTokens)}, gen {Integer(first.GenTokens)}";
        var source = rows.Select(row => row.Energy?.Source).FirstOrDefault(EnergyLabel.IsEstimate);
        var jPerToken = EnergyLabel.Marked("J/token", source);

        var figures = new List<ReportFigure>
        {
            Figure($"Decode tok/s by variant {where}: median; the whisker is the 95% interval of the median (shown from 6 repetitions).",
                new BarChart("Decode tok/s by variant", DecodeTitle, [.. smallest.Select(row => DecodeBar(row, severalEps, Color(row)))]).ToSvg()),
        };
        if (pricing.HasPrice)
            figures.Add(Figure($"Hardware $ per 1M generated tokens by variant {where}, at the median decode tok/s (assumptions above).",
                new BarChart("$ per 1M generated tokens by variant", "$ per 1M generated tokens",
                    [.. smallest.Select(row => CostBar(row, pricing, severalEps, Color(row)))]).ToSvg()));
        IReadOnlyList<double> batches = [.. rows.Select(row => (double)row.BatchSize).Distinct().Order()];
        figures.Add(Figure($"Decode tok/s against batch size, one line per variant (prompt {Integer(first.PromptTokens)}, gen {Integer(first.GenTokens)}).",
            new XyChart("Decode tok/s against batch size", BatchTitle, DecodeTitle,
                Lines(rows, severalEps, Color, row => row.Metrics!.DecodeTokensPerSecond.Median), batches).ToSvg()));
        if (rows.Any(row => row.Energy?.JoulesPerGeneratedToken is not null))
            figures.Add(Figure($"Energy per generated token against batch size, one line per variant{(source is null ? "" : $"; {source} is an estimate, not a measurement")}.",
                new XyChart("J/token against batch size", BatchTitle, jPerToken,
                    Lines(rows, severalEps, Color, row => row.Energy?.JoulesPerGeneratedToken), batches).ToSvg()));
        if (ParetoChart.For(smallest, pricing, row => PointLabel(row, severalEps), Color, jPerToken) is { } pareto)
            figures.Add(Figure($"Speed against {pareto.Cost} across variants {where}: up and to the left is better. {pareto.Frontier} " +
                "(no other variant is better on all of them; dashed line). " +
                (smallest.Any(row => row.Quality?.Perplexity is not null)
                    ? "Quality: ppl = perplexity on the evaluation text and its change against the reference variant; top-1 = share of positions where the variant picks the reference variant's next token."
                    : smallest.Any(row => row.Fidelity is not null)
                    ? "Fidelity: top-1 = share of positions where the variant picks the reference variant's next token."
                    : "Fidelity: not measured in this run."), pareto.Svg));
        return figures;
    }

    private static ReportFigure Figure(string caption, string svg) => new(caption, svg);

    private static string Label(ScenarioResult row, bool withEp) => withEp ? $"{row.Variant} · {row.ExecutionProvider}" : row.Variant;

    private static string PointLabel(ScenarioResult row, bool withEp) => row.Quality is { PerplexityChangePercent: { } change } quality && row.Variant != quality.Reference
        ? $"{Label(row, withEp)} · ppl {QualityText.Change(change)}"
        : row.Fidelity is { } fidelity
        ? $"{Label(row, withEp)} · top-1 {CostFormat.Percent(fidelity.Top1Agreement)}"
        : Label(row, withEp);

    private static Bar DecodeBar(ScenarioResult row, bool withEp, string color)
    {
        var decode = row.Metrics!.DecodeTokensPerSecond;
        var halfWidthPercent = row.RepetitionStop?.DecodeHalfWidthPercent;
        var halfWidth = MedianHalfWidth(decode.Median, halfWidthPercent);
        return new Bar(Label(row, withEp), decode.Median, $"{MedianWithCi(decode, halfWidthPercent)} tok/s", color,
            decode.Median - halfWidth, decode.Median + halfWidth);
    }

    private static Bar CostBar(ScenarioResult row, RunPricing pricing, bool withEp, string color)
    {
        var price = pricing.For(row).HardwarePerMillionGeneratedTokens;
        return new Bar(Label(row, withEp), price?.Value ?? 0, $"{Usd(price)} per 1M", color);
    }

    private static List<XySeries> Lines(List<ScenarioResult> rows, bool withEp, Func<ScenarioResult, string> color, Func<ScenarioResult, double?> value) =>
    [
        .. rows.GroupBy(row => Label(row, withEp)).Select(variant => new XySeries(variant.Key, color(variant.First()), SeriesStyle.LineWithMarkers,
            [.. variant.Where(row => value(row) is not null).Select(row => new XyPoint(row.BatchSize, value(row)!.Value))])),
    ];
}
