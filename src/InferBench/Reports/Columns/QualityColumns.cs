using InferBench.Results;

namespace InferBench.Reports.Columns;

/// <summary>
/// results.csv's columns of the quality statistics as llama.cpp's <c>llama-perplexity --kl-divergence</c> reports them
/// (results/README.md defines each), after the other quality columns; the full percentile lists stay in run.json. Δp is
/// written in percentage points, as llama.cpp prints it.
/// </summary>
public static class QualityColumns
{
    private const double PercentPerFraction = 100;

    public static Column<ScenarioResult> KlMedian { get; } = Number("kl_median_nats", "KL median (nats)", "nats",
        "Median of the per-position KL divergence", row => row.Fidelity?.KlDivergenceDistributionNats?.At(50));

    public static Column<ScenarioResult> KlP999 { get; } = Number("kl_p999_nats", "KL p99.9 (nats)", "nats",
        "99.9th percentile of the per-position KL divergence", row => row.Fidelity?.KlDivergenceDistributionNats?.At(99.9));

    public static Column<ScenarioResult> KlMax { get; } = Number("kl_max_nats", "KL max (nats)", "nats",
        "The largest per-position KL divergence", row => row.Fidelity?.KlDivergenceDistributionNats?.Maximum);

    public static IReadOnlyList<Column<ScenarioResult>> Csv { get; } =
    [
        Number("kl_mean_se_nats", "KL mean SE (nats)", "nats", "Standard error of kl_mean_nats",
            row => row.Fidelity?.KlDivergenceDistributionNats?.MeanStandardError),
        KlMedian, KlP999, KlMax,
        Number("top1_agreement_se", "Top-1 agreement SE", "fraction 0-1", "Standard error of top1_agreement (llama.cpp's \"Same top p\")",
            row => row.Fidelity?.Top1AgreementStandardError),
        Number("delta_p_mean_pct", "Mean Δp (%)", "percentage points",
            "Mean change of the probability of the evaluation text's next token, variant - reference (llama.cpp's Δp)",
            row => Percent(row.Fidelity?.TokenProbabilityDelta?.Mean)),
        Number("delta_p_mean_se_pct", "Mean Δp SE (%)", "percentage points", "Standard error of delta_p_mean_pct",
            row => Percent(row.Fidelity?.TokenProbabilityDelta?.MeanStandardError)),
        Number("delta_p_rms_pct", "RMS Δp (%)", "percentage points", "Root mean square of Δp",
            row => Percent(row.Fidelity?.TokenProbabilityDeltaRms)),
        Number("delta_p_rms_se_pct", "RMS Δp SE (%)", "percentage points", "Standard error of delta_p_rms_pct",
            row => Percent(row.Fidelity?.TokenProbabilityDeltaRmsStandardError)),
        Number("perplexity_se", "Perplexity SE", "dimensionless", "Standard error of perplexity",
            row => row.Quality?.PerplexityStandardError),
        Number("perplexity_ratio", "PPL ratio", "dimensionless", "perplexity / the reference variant's on the same tokens",
            row => row.Quality?.PerplexityRatio),
        Number("perplexity_ratio_se", "PPL ratio SE", "dimensionless", "Standard error of perplexity_ratio",
            row => row.Quality?.PerplexityRatioStandardError),
        Number("ln_perplexity_ratio", "ln(PPL ratio)", "nats", "ln(perplexity / the reference variant's)",
            row => row.Quality?.LnPerplexityRatio),
        Number("ln_perplexity_ratio_se", "ln(PPL ratio) SE", "nats", "Standard error of ln_perplexity_ratio",
            row => row.Quality?.LnPerplexityRatioStandardError),
    ];

    /// <summary>A probability or fraction in percent (percentage points for a difference).</summary>
    public static double? Percent(double? fraction) => fraction * PercentPerFraction;

    private static Column<ScenarioResult> Number(string id, string title, string unit, string legend, Func<ScenarioResult, double?> value) =>
        new(id, title, unit, true, legend, row => Cell.Of(value(row)));
}
