using InferBench.Fidelity;
using InferBench.Reports.Columns;
using InferBench.Reports.Document;
using InferBench.Results;
using static InferBench.Reports.ReportCell;
using static InferBench.Results.ReadableNumber;

namespace InferBench.Reports;

/// <summary>
/// A model's quality as a quantization expert reads llama.cpp's <c>llama-perplexity</c> output in its KL divergence mode: one row
/// per variant against the reference (the reference first), with perplexity, the perplexity ratio, the KL divergence's
/// mean and tail, Δp and "same top p", each mean ± its standard error; the method and the reference named above it, the
/// per-token distributions below it (<see cref="TokenDistributionTable"/>). Shown only where a row has these statistics (files written before them render without it).
/// </summary>
public static class QualityTable
{
    public const string Heading = "Quality against the reference";

    /// <summary>llama.cpp's llama-perplexity option for how many chunks it scores (not an InferBench option).</summary>
    private const string LlamaPerplexityChunks = "--chunks";

    private const string Definitions =
        "PPL ± SE: perplexity and its standard error (PPL × the standard error of the mean negative log-likelihood). PPL ratio and " +
        "ln(PPL ratio): against the reference on the same tokens (llama.cpp's Mean PPL(Q)/PPL(base) and Mean ln(PPL(Q)/PPL(base))), ± " +
        "standard errors with the two models' correlation taken out. KL: KL(reference || variant) of the next-token distributions at each " +
        "scored position, in nats: mean ± SE, median, 99th and 99.9th percentiles and maximum. Δp: the variant's probability of the text's " +
        "next token minus the reference's, in percentage points: mean ± SE and root mean square ± SE. Same top p: the share of positions " +
        "where both pick the same most likely token, ± SE. run.json also keeps the correlation of the two models' ln(PPL); definitions: " +
        "results/README.md.";

    public static IReadOnlyList<Column<ScenarioResult>> Columns { get; } =
    [
        ScenarioColumns.Variant.Of<ScenarioResult>(ScenarioKey.Of),
        ScenarioColumns.Precision.Of<ScenarioResult>(ScenarioKey.Of),
        WithError("ppl", "PPL ± SE", "dimensionless", row => row.Quality?.Perplexity, row => row.Quality?.PerplexityStandardError),
        WithError("ppl_ratio", "PPL ratio ± SE", "dimensionless", row => row.Quality?.PerplexityRatio, row => row.Quality?.PerplexityRatioStandardError),
        WithError("ln_ppl_ratio", "ln(PPL ratio) ± SE", "nats", row => row.Quality?.LnPerplexityRatio, row => row.Quality?.LnPerplexityRatioStandardError),
        WithError("kl_mean", "KL mean ± SE (nats)", "nats", row => row.Fidelity?.MeanKlDivergenceNats,
            row => row.Fidelity?.KlDivergenceDistributionNats?.MeanStandardError),
        QualityColumns.KlMedian,
        new("kl_p99", "KL p99 (nats)", "nats", true, "99th percentile of the per-position KL divergence", row => Cell.Of(row.Fidelity?.P99KlDivergenceNats)),
        QualityColumns.KlP999,
        QualityColumns.KlMax,
        WithError("delta_p_mean", "Mean Δp ± SE (%)", "percentage points", row => QualityColumns.Percent(row.Fidelity?.TokenProbabilityDelta?.Mean),
            row => QualityColumns.Percent(row.Fidelity?.TokenProbabilityDelta?.MeanStandardError)),
        WithError("delta_p_rms", "RMS Δp ± SE (%)", "percentage points", row => QualityColumns.Percent(row.Fidelity?.TokenProbabilityDeltaRms),
            row => QualityColumns.Percent(row.Fidelity?.TokenProbabilityDeltaRmsStandardError)),
        WithError("same_top_p", "Same top p ± SE (%)", "%", row => QualityColumns.Percent(row.Fidelity?.Top1Agreement),
            row => QualityColumns.Percent(row.Fidelity?.Top1AgreementStandardError)),
    ];

    /// <summary>The heading, what the figures rest on, the table and its definitions; none where no row of the model has the statistics.</summary>
    /// <param name="rows">One model's rows; each variant's quality is read from its first measured row with a figure.</param>
    public static IReadOnlyList<ReportBlock> For(IReadOnlyList<ScenarioResult> rows)
    {
        var measured = rows.Where(row => row.Status == ResultStatus.Ok && (row.Fidelity is not null || row.Quality is { Perplexity: not null }))
            .DistinctBy(row => row.Variant).ToList();
        if (!measured.Any(HasStatistics))
            return [];
        var reference = measured.Select(row => row.Quality?.Reference ?? row.Fidelity?.Reference).First(name => name is not null)!;
        var quality = measured.Select(row => row.Quality).FirstOrDefault(quality => quality is not null);
        var positions = measured.Select(row => row.Fidelity?.Positions).FirstOrDefault(count => count is not null);
        return
        [
            new SubheadingBlock(Heading),
            new ParagraphBlock($"Each variant against {reference}, as llama.cpp's llama-perplexity reports it in its KL divergence mode: {Basis(quality, positions)}."),
            TableBlock.Of(Columns, measured.OrderBy(row => row.Variant != reference)),
            new ParagraphBlock(Definitions),
            .. TokenDistributionTable.For(measured.Where(row => row.Variant != reference)),
        ];
    }

    /// <summary>Whether the row carries a statistic beyond the means that every file has.</summary>
    private static bool HasStatistics(ScenarioResult row) =>
        row.Fidelity is { KlDivergenceDistributionNats: not null } or { Top1AgreementStandardError: not null } or { TokenProbabilityDelta: not null }
        || row.Quality is { PerplexityStandardError: not null } or { PerplexityRatio: not null } or { LnPerplexityRatio: not null };

    /// <summary>The method, the cut of the text and the tokens the figures rest on.</summary>
    private static string Basis(ScenarioQuality? quality, int? positions) => quality switch
    {
        { Method: QualityMethod.LlamaCpp } => $"quality method llama.cpp, {Integer(quality.ScoredTokens ?? 0)} scored tokens of the evaluation text in " +
            $"{QualityText.Window(quality)}{LlamaPerplexityArguments(quality)}",
        { Method: QualityMethod.Text } => $"quality method text, {Integer(quality.ScoredTokens ?? 0)} scored tokens of the evaluation text in sliding " +
            $"windows of {QualityText.Window(quality)}, each token scored once (llama.cpp scores non-overlapping chunks instead: quality method llama.cpp)",
        { Method: QualityMethod.RandomTokens } => $"quality method random-tokens, {(positions is { } count ? Integer(count) : Absent)} seeded random " +
            "token positions (the model has no tokenizer: no perplexity or Δp)",
        _ => "quality method not recorded",
    };

    /// <summary>
    /// The llama-perplexity arguments that score the same chunks: a figure is comparable with llama.cpp's over as many
    /// chunks of the same text at the same context only (its default scores every chunk of the text, far more than
    /// --quality-tokens' default).
    /// </summary>
    private static string LlamaPerplexityArguments(ScenarioQuality quality)
    {
        if (quality is not { ScoredTokens: { } scored, WindowTokens: { } chunk and >= 3 } || scored % PerplexityWindow.ScoredPerChunk(chunk) != 0)
            return "";
        var chunks = scored / PerplexityWindow.ScoredPerChunk(chunk);
        return $" ({Counted(chunks, "chunk")}), so the figures can be set beside llama.cpp's llama-perplexity " +
            $"on the same text with -c {Integer(chunk)} {LlamaPerplexityChunks} {Integer(chunks)} (a table over the whole text scores more chunks)";
    }

    /// <summary>"6.246 ± 0.041": a mean and its standard error in one cell (<see cref="ReportCell.WithStandardError"/>).</summary>
    private static Column<ScenarioResult> WithError(string id, string title, string unit, Func<ScenarioResult, double?> mean,
        Func<ScenarioResult, double?> standardError) =>
        new(id, title, unit, true, title, row => Cell.Composed(WithStandardError(mean(row), standardError(row))));
}
