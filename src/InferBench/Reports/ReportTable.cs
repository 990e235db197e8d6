using InferBench.Cost;
using InferBench.Results;
using static InferBench.Reports.ReportCell;
using static InferBench.Results.ReadableNumber;

namespace InferBench.Reports;

/// <summary>The per-model table that report.md and report.html both show: one row per variant x plan point.</summary>
internal static class ReportTable
{
    public static IReadOnlyList<ReportColumn> Columns { get; } =
    [
        new("Variant", false), new("Precision", false), new("EP", false), new("Batch", true), new("Prompt", true),
        new("Gen", true), new("Status", false), new("n", true), new("TTFT p50 [p90] (ms)", true), new("Prefill tok/s (median)", true),
        new("Decode tok/s (median ± CI95)", true), new("$/1M gen tokens", true), new("ITL p50 / p99 (ms)", true),
        new("E2E p50 (s)", true), new("Peak memory (MiB)", true), new("Load (s)", true), new("J/token [net of idle]", true),
        new("Electricity $/1M [gCO2/1M]", true), new("Avg W", true), new("Energy source", false),
    ];

    /// <summary>Rows of one model: the variants of one plan point on adjacent rows, in run order (the sort is stable).</summary>
    public static IEnumerable<ScenarioResult> Ordered(IEnumerable<ScenarioResult> rows) =>
        rows.OrderBy(r => r.BatchSize).ThenBy(r => r.PromptTokens).ThenBy(r => r.GenTokens);

    public static string[] Cells(ScenarioResult result, RowCost cost)
    {
        var metrics = result.Metrics;
        var energy = result.Energy;
        var status = JsonEnumName.Of(result.Status) + (result.Reason is { } reason ? $": {reason}" : "");
        return
        [
            result.Variant, result.Precision, result.ExecutionProvider, Integer(result.BatchSize),
            Integer(result.PromptTokens), Integer(result.GenTokens), status,
            metrics is null ? Absent : Integer(metrics.TimeToFirstTokenMilliseconds.Count),
            WithBracketed(Number(metrics?.TimeToFirstTokenMilliseconds.Median), Number(metrics?.TimeToFirstTokenMilliseconds.P90)),
            Number(metrics?.PrefillTokensPerSecond.Median),
            MedianWithCi(metrics?.DecodeTokensPerSecond),
            Usd(cost.HardwarePerMillionGeneratedTokens),
            WithSlash(metrics?.InterTokenLatencyMilliseconds.Median, metrics?.InterTokenLatencyMilliseconds.P99),
            Number(metrics?.EndToEndSeconds.Median),
            Mebibytes(result.PeakMemoryBytes / (1024.0 * 1024.0)),
            Number(result.LoadSeconds),
            EnergyLabel.Marked(WithBracketed(Number(energy?.JoulesPerGeneratedToken), Number(energy?.NetJoulesPerGeneratedToken)), energy?.Source),
            EnergyLabel.Marked(Electricity(cost.Energy), energy?.Source),
            EnergyLabel.Marked(Number(energy?.AverageWatts), energy?.Source),
            energy is null ? Absent : $"{energy.Source}{(energy.Throttled == true ? " (throttled)" : "")}",
        ];
    }

    private static string Electricity(EnergyCost? energy) =>
        energy is null ? Absent : WithBracketed(Usd(energy.Electricity), Number(energy.GramsCo2PerMillionTokens));
}
