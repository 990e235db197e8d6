using InferBench.Cost.Runs;
using InferBench.Cost.Units;
using InferBench.Reports.Charts;
using InferBench.Reports.Columns;
using InferBench.Reports.Document;
using InferBench.Results;
using InferBench.Statistics;
using static InferBench.Reports.ReportCell;
using static InferBench.Results.ReadableNumber;

namespace InferBench.Reports;

/// <summary>
/// Where to serve each variant of a model, as report.md and report.html lead with it: per variant and workload the best
/// operating point (<see cref="BestOperatingPoint"/>) in a sentence, the frontier table (every measured batch) and, in
/// report.html, the frontier chart: per-sequence tok/s (what one user sees) against machine tok/s, one point per batch.
/// </summary>
public static class OperatingPoints
{
    public const string Heading = "Best operating point";

    /// <summary>Something to say where a run has latency targets or a batch sweep; a plain batch list says it in the table already.</summary>
    public static bool Apply(RunResult run) => run.Plan.LatencyTargets is { Count: > 0 } || run.Results.Any(row => row.BatchStop is not null);

    public static IReadOnlyList<OperatingPointChoice> For(RunResult run, IReadOnlyList<ScenarioResult> modelRows, RunPricing pricing) =>
        BestOperatingPoint.Choose(modelRows, run.Plan.LatencyTargets, pricing);

    /// <summary>"fp32 (prompt 128, gen 64): serve at batch 8: ..." or "...: no batch meets the targets: batch 1 already misses ...".</summary>
    public static string Sentence(OperatingPointChoice choice, bool hasTargets)
    {
        var what = $"{choice.Variant} on {choice.ExecutionProvider} (prompt {Integer(choice.PromptTokens)}, gen {Integer(choice.GenTokens)})";
        var stop = choice.Stop is { } batchStop ? $" The batch sweep stopped: {JsonEnumName.Of(batchStop.Reason)}, {batchStop.Detail}." : "";
        if (choice.Best is not { } best)
            return $"{what}: no batch meets the targets; batch {Integer(choice.Points[0].Row.BatchSize)} already misses " +
                   $"{string.Join(", ", choice.FirstMissed.Select(BatchDoublingRule.Describe))}, and a larger batch only adds latency." +
                   (choice.Stop?.Reason == BatchStopReason.TargetBroken ? "" : stop);
        var meets = hasTargets
            ? $"; meets {string.Join(", ", best.Verdict!.Readings.Select(r => $"{JsonEnumName.Of(r.Metric)} ≤ {Of(r.LimitMilliseconds)} ms ({Of(r.MeasuredMilliseconds)} ms)"))}"
            : " (no latency targets: the highest throughput measured)";
        return $"{what}: serve at batch {Integer(best.Row.BatchSize)}: {Of(best.MachineTokensPerSecond)} tok/s " +
               $"({Of(best.PerSequenceTokensPerSecond)} tok/s per sequence), {Cost(best)}{meets}.{stop}";
    }

    private static string Cost(OperatingPoint point)
    {
        var energy = point.JoulesPerGeneratedToken is { } joules
            ? EnergyLabel.Marked($"{Of(joules.Value)} J/token", point.Row.Energy?.Source)
            : "J/token not measured";
        return point.HardwarePerMillionGeneratedTokens is { } price ? $"{Usd(price)} per 1M generated tokens, {energy}" : $"no price given ($/1M: {CommandOptions.PricePerHour} or {CommandOptions.Instance}), {energy}";
    }

    /// <summary>The frontier table's columns: one row per measured batch.</summary>
    internal static IReadOnlyList<Column<OperatingPoint>> Columns { get; } =
    [
        new("variant", "Variant", "text", false, "Model variant", p => Cell.Of(p.Row.Variant)),
        new("ep", "EP", "text", false, "Execution provider", p => Cell.Of(p.Row.ExecutionProvider)),
        new("workload", "Prompt / gen", "tokens", true, "Prompt and generated tokens per sequence",
            p => Cell.Composed($"{Integer(p.Row.PromptTokens)} / {Integer(p.Row.GenTokens)}")),
        new("batch", "Batch", "sequences", true, "Batch size", p => Cell.Of(p.Row.BatchSize)),
        new("machine_tok_s", "Machine tok/s", "tokens/s", true, "Median decode tok/s of the whole batch", p => Cell.Of(p.MachineTokensPerSecond)),
        new("per_seq_tok_s", "Per-sequence tok/s", "tokens/s", true, "The same / batch: what one user sees", p => Cell.Of(p.PerSequenceTokensPerSecond)),
        new("usd_per_1m", "$/1M gen tokens", "USD per 1M generated tokens", true, "Hardware $ per 1M generated tokens",
            p => Cell.Of(p.HardwarePerMillionGeneratedTokens?.Value, Usd(p.HardwarePerMillionGeneratedTokens))),
        new("j_per_token", "J/token", "J/token", true, "Gross J/token",
            p => Cell.Composed(EnergyLabel.Marked(Number(p.JoulesPerGeneratedToken?.Value), p.Row.Energy?.Source))),
        new("targets", "Meets targets", "text", false, "Whether the batch meets every latency target, else the targets it misses",
            p => Cell.Composed(p.Verdict is null ? Absent : p.Verdict.Met ? "yes" : "no: " + string.Join(", ", p.Verdict.Missed.Select(BatchDoublingRule.Describe)))),
        new("stop", "Batch stop", "text", false, $"Why a {CommandOptions.Batch} auto sweep stopped after this batch",
            p => Cell.Composed(p.Row.BatchStop is { } stop ? JsonEnumName.Of(stop.Reason) : "")),
    ];

    /// <summary>The frontier chart of one variant and workload; null with fewer than one point.</summary>
    internal static ReportFigure Chart(OperatingPointChoice choice, IReadOnlyList<LatencyTarget>? targets, int colorIndex)
    {
        var color = ChartPalette.Color(colorIndex);
        string Label(OperatingPoint p) => $"b{Integer(p.Row.BatchSize)}" +
            (p.HardwarePerMillionGeneratedTokens is { } price ? $" {Usd(price)}" : "");
        var maxX = choice.Points.Max(p => p.MachineTokensPerSecond);
        List<XySeries> series =
        [
            new(null, color, SeriesStyle.LineWithMarkers, [.. choice.Points.Select(p => new XyPoint(p.MachineTokensPerSecond, p.PerSequenceTokensPerSecond))]),
            .. Boundaries(targets, maxX),
            new(targets is { Count: > 0 } ? "meets the targets" : null, color, SeriesStyle.Markers,
                [.. choice.Points.Where(p => p.MeetsTargets).Select(p => new XyPoint(p.MachineTokensPerSecond, p.PerSequenceTokensPerSecond, Label(p)))]),
            new("misses a target", ChartPalette.Frontier, SeriesStyle.Markers,
                [.. choice.Points.Where(p => !p.MeetsTargets).Select(p => new XyPoint(p.MachineTokensPerSecond, p.PerSequenceTokensPerSecond, Label(p) + " ✗"))]),
        ];
        var title = $"{choice.Variant} · {choice.ExecutionProvider}, prompt {Integer(choice.PromptTokens)}, gen {Integer(choice.GenTokens)}";
        var svg = new XyChart($"Frontier: {title}", "machine decode tok/s (whole batch)", "tok/s per sequence",
            [.. series.Where(s => s.Points.Count > 0)]).ToSvg();
        var best = choice.Best is { } point ? $" Best operating point: batch {Integer(point.Row.BatchSize)}." : " No batch meets the targets.";
        return new ReportFigure(
            $"Frontier of {title}: what one user sees (up) against what the machine generates (right), one point per batch (b), " +
            $"with its $ per 1M generated tokens where priced; ✗ marks a batch that misses a latency target" +
            (targets?.Any(IsInterToken) == true ? "; the dashed line is the per-sequence speed an inter-token latency target allows on average (1 / ITL)." : ".") + best,
            svg);
    }

    private static bool IsInterToken(LatencyTarget target) => target.Metric is LatencyMetric.Itl or LatencyMetric.ItlP90 or LatencyMetric.ItlP99;

    /// <summary>An inter-token latency target as the per-sequence speed it allows (1000 / limit ms tok/s), across the chart.</summary>
    private static IEnumerable<XySeries> Boundaries(IReadOnlyList<LatencyTarget>? targets, double maxX) =>
        (targets ?? []).Where(IsInterToken).Select(target => new XySeries(
            $"{target} ⇒ {Of(1000 / target.LimitMilliseconds)} tok/s per sequence", ChartPalette.Frontier, SeriesStyle.DashedLine,
            [new XyPoint(0, 1000 / target.LimitMilliseconds), new XyPoint(maxX, 1000 / target.LimitMilliseconds)]));
}
