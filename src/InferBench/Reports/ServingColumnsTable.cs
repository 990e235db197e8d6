using InferBench.Reports.Columns;
using InferBench.Results;
using static InferBench.Reports.ReportCell;

namespace InferBench.Reports;

/// <summary>The serving section's table: per load point, latency percentiles against load, throughput, goodput, saturation and cost.</summary>
internal static class ServingColumnsTable
{
    public static IReadOnlyList<Column<PricedServingPoint>> Columns { get; } =
    [
        new("variant", "Variant", "text", false, "Model variant", p => Cell.Of(p.Point.Variant)),
        new("ep", "EP", "text", false, "Execution provider", p => Cell.Of(p.Point.ExecutionProvider)),
        new("load", "Load", "text", false, "Concurrency, or offered requests/s", p => Cell.Of(p.Point.Load.ToString())),
        new("status", "Status", "text", false, "ok, or why not", p => Cell.Of(p.Point.Status == ResultStatus.Ok ? "ok" : $"{JsonEnumName.Of(p.Point.Status)}: {p.Point.Reason}")),
        Figure("requests_per_s", "Req/s", "requests/s", "Finished requests / duration", p => p.Point.Metrics?.RequestsPerSecond),
        Figure("goodput", "Goodput (req/s)", "requests/s", "Requests meeting every target / duration", p => p.Point.Metrics?.GoodputRequestsPerSecond),
        Figure("output_tok_s", "Output tok/s", "tokens/s", "Output tokens / duration", p => p.Point.Metrics?.OutputTokensPerSecond),
        Figure("per_user", "Tok/s per user p50", "tokens/s", "Median of a request's 1 / TPOT, (output tokens - 1) / (E2E - TTFT)", p => p.Point.Metrics?.OutputTokensPerSecondPerUser?.Median),
        Percentiles("ttft", "TTFT p50 / p99 (ms)", "ms", m => m.TimeToFirstTokenMilliseconds, 1),
        Percentiles("tpot", "TPOT p50 / p99 (ms)", "ms", m => m.TimePerOutputTokenMilliseconds, 1),
        Percentiles("itl", "ITL p50 / p99 (ms)", "ms", m => m.InterTokenLatencyMilliseconds, 1),
        Percentiles("e2e", "E2E p50 / p99 (s)", "s", m => m.EndToEndMilliseconds, 1000),
        Figure("batch_rows", "Batch rows (mean)", "requests", "Requests that got a token per engine step", p => p.Point.Metrics?.BatchRowsMean),
        new("saturated", "Saturated", "text", false, "The queue kept growing", p => Cell.Composed(p.Point.Metrics?.Saturated switch
        {
            true => "yes",
            false => "no",
            null => Absent,
        })),
        new("usd_per_1m", "$/1M output", "USD per 1M output tokens", true, "Hardware $ per 1M output tokens, prompts included",
            p => Cell.Composed(Usd(p.Cost.HardwarePerMillionOutputTokens))),
        new("split", "$/1M in / out (split)", "USD per 1M tokens", true, "The same as a price sheet: input and output at the point's mix",
            p => Cell.Composed(p.Cost.Split is { } split ? $"{Usd(split.Input)} / {Usd(split.Output)}" : Absent)),
        new("steady_j", "Steady J/token", "J/output token", true, "Steady-state J/output token",
            p => Cell.Composed(EnergyLabel.Marked(Number(p.Point.Energy?.SteadyStateJoulesPerOutputToken), p.Point.Energy?.Source))),
        new("targets", "Meets targets", "text", false, "Whether the point's requests meet every target, else those missed",
            p => Cell.Composed(p.Point.Targets is not { } verdict ? Absent
                : verdict.Met ? "yes" : "no: " + string.Join(", ", verdict.Missed.Select(r => $"{JsonEnumName.Of(r.Metric)} {Number(r.MeasuredMilliseconds)} ms")))),
    ];

    private static Column<PricedServingPoint> Figure(string id, string title, string unit, string legend, Func<PricedServingPoint, double?> value) =>
        new(id, title, unit, true, legend, p => Cell.Of(value(p)));

    private static Column<PricedServingPoint> Percentiles(string id, string title, string unit, Func<ServingPointMetrics, SampleStatistics?> metric, double divisor) =>
        new(id, title, unit, true, "Median and 99th percentile over the measured requests", p =>
            Cell.Composed(p.Point.Metrics is { } metrics && metric(metrics) is { } samples
                ? WithSlash(Number(samples.Median / divisor), Number(samples.P99 / divisor))
                : Absent));
}
