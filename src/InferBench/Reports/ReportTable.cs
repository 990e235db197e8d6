using InferBench.Reports.Columns;
using InferBench.Results;
using static InferBench.Reports.ReportCell;

namespace InferBench.Reports;

/// <summary>
/// The per-model table that report.md and report.html both show: one row per variant x plan point. Its columns are
/// results.csv's (<see cref="ResultColumns"/>), some as they are and some set side by side in one cell.
/// </summary>
public static class ReportTable
{
    private const int PlanPointColumns = 6;

    public static IReadOnlyList<Column<PricedRow>> Columns { get; } =
    [
        .. new[] { ScenarioColumns.Variant, ScenarioColumns.Precision, ScenarioColumns.ExecutionProvider, ScenarioColumns.BatchSize,
            ScenarioColumns.PromptTokens, ScenarioColumns.GenTokens }.Select(column => column.Of((PricedRow row) => row.Key)),
        new("status_reason", "Status", "text", false, "The row's status and why it is not ok",
            row => Cell.Composed(JsonEnumName.Of(row.Result.Status) + (row.Result.Reason is { } reason ? $": {reason}" : ""))),
        ResultColumns.MeasuredRepetitions,
        Bracketed("ttft_ms", "TTFT p50 [p90] (ms)", ResultColumns.TtftP50, ResultColumns.TtftP90),
        ResultColumns.PrefillP50,
        new("decode_tok_s", "Decode tok/s (median ± CI95)", "tokens/s", true,
            "Median decode throughput ± the half-width of the 95% interval of the median (the larger side; from 6 repetitions)",
            row => Cell.Composed(MedianWithCi(row.Result.Metrics?.DecodeTokensPerSecond, row.Result.RepetitionStop?.DecodeHalfWidthPercent))),
        ResultColumns.UsdPerMillionGeneratedTokens,
        new("itl_ms", "ITL p50 / p99 (ms)", "ms", true, "Median / 99th percentile inter-token latency", 
            row => Cell.Composed(WithSlash(ResultColumns.ItlP50.Text(row), ResultColumns.ItlP99.Text(row)))),
        ResultColumns.EndToEndP50,
        ResultColumns.PeakMemory,
        ResultColumns.LoadSeconds,
        Marked(Bracketed("j_per_token", "J/token [net of idle]", ResultColumns.JoulesPerToken, ResultColumns.NetJoulesPerToken)),
        Marked(Bracketed("energy_usd_per_1m_tokens", "Electricity $/1M [gCO2/1M]", ResultColumns.EnergyUsdPerMillionTokens,
            ResultColumns.Co2GramsPerMillionTokens)),
        Marked(ResultColumns.AverageWatts),
        new("energy_source", "Energy source", "text", false, "Where the row's energy figures come from, and whether clocks were held down",
            row => Cell.Composed(row.Result.Energy is { } energy ? $"{energy.Source}{(energy.Throttled == true ? " (throttled)" : "")}" : Absent)),
        new("quality", "Quality: perplexity (change), top-1", "text", false,
            "Perplexity on the evaluation text and its change against the reference variant, and top-1 agreement with the reference; " +
            "on random tokens (models without a tokenizer) top-1 only; or why quality is unavailable",
            row => Cell.Composed(QualityText.Summary(row.Result) ?? Absent)),
    ];

    /// <summary>The columns of <paramref name="run"/>'s tables: <see cref="Columns"/>, with the round after the plan point when the run has several.</summary>
    public static IReadOnlyList<Column<PricedRow>> For(RunResult run) =>
        run.Plan.Rounds > 1 ? [.. Columns.Take(PlanPointColumns), ResultColumns.Round, .. Columns.Skip(PlanPointColumns)] : Columns;

    /// <summary>Rows of one model: the variants of one plan point on adjacent rows, round by round, in run order (the sort is stable).</summary>
    public static IEnumerable<ScenarioResult> Ordered(IEnumerable<ScenarioResult> rows) =>
        rows.OrderBy(r => r.BatchSize).ThenBy(r => r.PromptTokens).ThenBy(r => r.GenTokens).ThenBy(r => r.Round);

    /// <summary>The first row of each point (round 1's in a run of several rounds), which the takeaways and charts summarise.</summary>
    public static List<ScenarioResult> FirstRound(IEnumerable<ScenarioResult> rows) => [.. rows.DistinctBy(ScenarioKey.Of)];

    /// <summary>"123.4 [130.2]": the first column's value and, in brackets, the second's when both are known.</summary>
    private static Column<PricedRow> Bracketed(string id, string title, Column<PricedRow> first, Column<PricedRow> second) =>
        new(id, title, first.Unit, true, $"{first.Legend} [{second.Legend}]", row => Cell.Composed(WithBracketed(first.Text(row), second.Text(row))));

    /// <summary>The column with each figure derived from estimated energy marked (<see cref="EnergyLabel"/>).</summary>
    private static Column<PricedRow> Marked(Column<PricedRow> column) => column with
    {
        Read = row => Cell.Composed(EnergyLabel.Marked(column.Text(row), row.Result.Energy?.Source)),
    };
}
