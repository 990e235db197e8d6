using System.Globalization;
using InferBench.Reports.Columns;
using InferBench.Reports.Document;
using InferBench.Results;
using InferBench.Statistics;
using Line = (string Variant, string Figure, InferBench.Results.TokenDistribution Distribution, System.Func<double?, double?> InUnit);

namespace InferBench.Reports;

/// <summary>
/// Under <see cref="QualityTable"/>: each variant's per-token KL divergence and Δp from the largest value down to the
/// smallest, as llama.cpp's <c>llama-perplexity --kl-divergence</c> lists its KL divergence and token probability
/// statistics; one row per variant and figure, the reference (all zero against itself) left out. Shown only where a row
/// has a distribution (random tokens have KL only; files written before them have none).
/// </summary>
public static class TokenDistributionTable
{
    public const string Heading = "Per-token distributions";

    private const string KlFigure = "KL (nats)";
    private const string DeltaPFigure = "Δp (%)";

    private const string Definitions =
        "Per-token distributions, as llama.cpp's llama-perplexity lists them: KL(reference || variant) at each scored position, in nats, " +
        "and Δp, the variant's probability of the text's next token minus the reference's, in percentage points, each from its largest " +
        "value (Max) down to its smallest (Min); the reference, all zero against itself, is left out. Percentiles are interpolated " +
        "between the sorted values (Hyndman-Fan type 7, as llama.cpp computes them). KL has no quartiles (–: llama.cpp lists none, nor " +
        "does run.json) and may be slightly negative from rounding, as llama.cpp prints it.";

    /// <summary>The percentiles shown between the maximum and the minimum, highest first as llama.cpp lists them: Δp's, which hold KL's.</summary>
    private static readonly double[] Percents = [.. TokenStatistics.ProbabilityDeltaPercents.Reverse()];

    private static IReadOnlyList<Column<Line>> Columns { get; } =
    [
        new("variant", "Variant", "text", false, "The variant", line => Cell.Of(line.Variant)),
        new("figure", "Figure (unit)", "text", false, "The per-token figure, with the unit of its row", line => Cell.Of(line.Figure)),
        new("max", "Max", "the row's", true, "The largest value", line => Cell.Of(line.InUnit(line.Distribution.Maximum))),
        .. Percents.Select(percent => new Column<Line>($"p{Invariant(percent)}", percent == 50 ? "Median" : $"{Invariant(percent)}%", "the row's", true,
            $"Percentile {Invariant(percent)}", line => Cell.Of(line.InUnit(line.Distribution.At(percent))))),
        new("min", "Min", "the row's", true, "The smallest value", line => Cell.Of(line.InUnit(line.Distribution.Minimum))),
    ];

    /// <summary>The heading, the table and its definitions; none where no variant has a distribution.</summary>
    /// <param name="variants">One model's variants other than the reference, each its row with the quality figures, in the quality table's order.</param>
    public static IReadOnlyList<ReportBlock> For(IEnumerable<ScenarioResult> variants)
    {
        var lines = variants.SelectMany(Lines).ToList();
        return lines.Count == 0 ? [] : [new SubheadingBlock(Heading), TableBlock.Of(Columns, lines), new ParagraphBlock(Definitions)];
    }

    private static IEnumerable<Line> Lines(ScenarioResult row)
    {
        if (row.Fidelity?.KlDivergenceDistributionNats is { } kl)
            yield return (row.Variant, KlFigure, kl, nats => nats);
        if (row.Fidelity?.TokenProbabilityDelta is { } deltaP)
            yield return (row.Variant, DeltaPFigure, deltaP, QualityColumns.Percent);
    }

    /// <summary>"99.9", "0.1": a percentile as the headers name it.</summary>
    private static string Invariant(double percent) => percent.ToString(CultureInfo.InvariantCulture);
}
