using InferBench.Cost.Runs;
using InferBench.Reports.Charts;
using InferBench.Reports.Columns;
using InferBench.Reports.Document;
using InferBench.Results;
using static InferBench.Reports.ReportCell;
using static InferBench.Results.ReadableNumber;

namespace InferBench.Reports;

/// <summary>
/// What report.md and report.html say about a run's serving points, per model: how the load was offered and what the
/// engine ran, per variant where it saturates and its best point under the targets with its $/1M beside the static
/// batch's, the frontier chart (output tokens/s against tokens/s per user, as AIPerf and vLLM sweeps plot it) and the
/// latency percentiles against load.
/// </summary>
public static class ServingSection
{
    /// <param name="machine">The machine the run ran on, named in each heading (a merge's report); null for a run's own report.</param>
    public static IEnumerable<ReportSection> For(RunResult run, RunPricing pricing, string? machine = null) =>
        (run.Serving ?? []).GroupBy(point => point.Model).Select(model => Model(run, model.Key, [.. model], pricing, machine));

    private static ReportSection Model(RunResult run, string model, List<ServingPointResult> points, RunPricing pricing, string? machine)
    {
        var priced = points.Select(point => new PricedServingPoint(point, pricing.For(point))).ToList();
        var series = priced.GroupBy(p => (p.Point.Variant, p.Point.ExecutionProvider)).ToList();
        var targets = run.Plan.LatencyTargets is { Count: > 0 } given ? given : null;
        List<ReportBlock> blocks = [new ParagraphBlock(Setup(run.Plan.Serving, points, targets))];
        blocks.Add(new ListBlock(
        [
            // A closed loop holds a fixed number of requests in the system and is never judged saturated: only open loops are named.
            .. series.SelectMany(variant => variant.Where(p => p.Point.Load.Mode == ServingLoad.OpenLoopMode).GroupBy(p => p.Point.Load.Mode)
                .Select(mode => Saturation(variant.Key, [.. mode]))),
            .. series.Select(variant => Best(variant.Key, [.. variant], StaticFigure(run, model, variant.Key, pricing), targets is not null)),
        ]));
        blocks.Add(new ChartsBlock([.. series.Select((variant, i) => Frontier(variant.Key, [.. variant], targets is not null, 3 * i))]));
        blocks.Add(TableBlock.Of(ServingColumnsTable.Columns, priced.OrderBy(p => p.Point.Variant, StringComparer.Ordinal)
            .ThenBy(p => p.Point.Load.Mode, StringComparer.Ordinal).ThenBy(LoadValue)));
        blocks.Add(new ParagraphBlock(Definitions));
        return new ReportSection($"{model}: serving under load{(machine is null ? "" : $" on {machine}")}", blocks, Enclosed: true, HtmlClass: "serving");
    }

    private const string Definitions =
        "Under load, every latency is a request's, from its arrival: TTFT to its first token, TPOT = (E2E − TTFT) / (output tokens − 1), " +
        "ITL every gap between its tokens, E2E to its last token; p50 / p99 over the measured requests (warmup excluded). Goodput = requests " +
        "meeting every target / duration; a point is saturated when its queue kept growing. $/1M output = price per hour / (output tok/s × 3600 × " +
        "utilisation) × 1e6, the prompts' processing included; the split lists the same cost as a price sheet would, output priced at 4 times " +
        "input at the point's input-to-output token ratio. Steady J/token = energy while the offered load was in force / output tokens then. " +
        "Definitions: docs/serving.md, results/README.md; the cost formulas: docs/cost-model.md.";

    private static double LoadValue(PricedServingPoint p) => p.Point.Load.Concurrency ?? p.Point.Load.RequestsPerSecond ?? 0;

    private static string Setup(ServingPlanRecord? plan, List<ServingPointResult> points, IReadOnlyList<LatencyTarget>? targets)
    {
        var engine = points.Select(point => point.Capabilities).OfType<ServingCapabilities>().FirstOrDefault();
        var parts = new List<string>();
        if (engine is not null)
            parts.Add($"{engine.Engine}, {engine.Batching} batching: at most {Integer(engine.EffectiveMaxBatchSize)} requests per step " +
                $"(configured {Integer(engine.ConfiguredMaxBatchSize)}){(engine.Notes.Count > 0 ? $"; {string.Join("; ", engine.Notes)}" : "")}");
        if (plan is not null)
        {
            var lengths = plan.Lengths;
            parts.Add($"prompts of {Range(lengths.PromptTokensMin, lengths.PromptTokensMax)} and outputs of {Range(lengths.OutputTokensMin, lengths.OutputTokensMax)} tokens ({lengths.Kind})" +
                (plan.OutputLengthForced ? ", each output forced to its length (end-of-sequence masked until then)" : ""));
            parts.Add($"{(plan.RequestsPerPoint is { } requests ? $"{Integer(requests)} measured requests" : "")}" +
                $"{(plan.RequestsPerPoint is not null && plan.SecondsPerPoint is not null ? " or " : "")}" +
                $"{(plan.SecondsPerPoint is { } seconds ? $"{Of(seconds)} s" : "")} per point after {Integer(plan.WarmupRequests)} warmup requests");
            if (plan.SharedPrefixTokens > 0)
                parts.Add($"every prompt starts with the same {Integer(plan.SharedPrefixTokens)} tokens" +
                    (engine is { ReusesPromptPrefix: false } ? ", which this engine does not reuse (no prefix cache on its path)" : ""));
        }
        parts.Add(targets is null ? $"no latency targets (goodput needs {CommandOptions.Slo})" : $"targets: {string.Join(", ", targets)}");
        return $"Serving: {string.Join("; ", parts)}.";
    }

    private static string Range(int min, int max) => min == max ? Integer(min) : $"{Integer(min)}-{Integer(max)}";

    /// <summary>"cpu-int4 on cpu, request-rate: saturates between 4.00 and 16.0 requests/s (...)".</summary>
    private static string Saturation((string Variant, string Ep) variant, List<PricedServingPoint> mode)
    {
        var measured = mode.Where(p => p.Point.Metrics is not null).OrderBy(LoadValue).ToList();
        var what = $"{variant.Variant} on {variant.Ep}, {mode[0].Point.Load.Mode}";
        if (measured.Count == 0)
            return $"{what}: no point was measured.";
        var first = measured.FindIndex(p => p.Point.Metrics!.Saturated);
        if (first < 0)
            return $"{what}: not saturated up to {measured[^1].Point.Load}.";
        var reason = measured[first].Point.Metrics!.SaturationReason is { } why ? $" ({measured[first].Point.Load}: {why})" : "";
        return first == 0
            ? $"{what}: saturated already at {measured[0].Point.Load}, the lightest load measured{reason}."
            : $"{what}: saturates between {measured[first - 1].Point.Load} and {measured[first].Point.Load}{reason}.";
    }

    /// <summary>The best point: the highest output tokens/s among those meeting every target (or among all, without targets).</summary>
    private static string Best((string Variant, string Ep) variant, List<PricedServingPoint> points, PricedRow? staticRow, bool hasTargets)
    {
        var what = $"{variant.Variant} on {variant.Ep}";
        var best = points.Where(p => p.Point.Metrics is not null && (!hasTargets || p.Point.Targets is { Met: true }))
            .MaxBy(p => p.Point.Metrics!.OutputTokensPerSecond);
        var beside = staticRow is { Cost.HardwarePerMillionGeneratedTokens: { } staticPrice }
            ? $"; the static batch's cheapest, batch {Integer(staticRow.Result.BatchSize)}: {Usd(staticPrice)} per 1M generated tokens " +
              $"({Of(staticRow.Result.Metrics!.DecodeTokensPerSecond.Median)} decode tok/s, prompts not counted)"
            : "";
        if (best is null)
            return $"{what}: no load point meets the targets{beside}.";
        var metrics = best.Point.Metrics!;
        var energy = best.Point.Energy?.SteadyStateJoulesPerOutputToken is { } joules
            ? EnergyLabel.Marked($"{Of(joules)} J/output token in steady state", best.Point.Energy.Source)
            : "no steady-state J/token";
        var price = best.Cost.HardwarePerMillionOutputTokens is { } perOutput
            ? $"{Usd(perOutput)} per 1M output tokens" + (best.Cost.Split is { } split ? $" ({Usd(split.Input)} per 1M input and {Usd(split.Output)} per 1M output tokens as a price sheet would split it)" : "")
            : $"no price given ($/1M: {CommandOptions.PricePerHour} or {CommandOptions.Instance})";
        return $"{what}: {(hasTargets ? "best point meeting the targets" : "highest throughput (no latency targets)")}: {best.Point.Load}: " +
               $"{Of(metrics.OutputTokensPerSecond)} output tok/s ({Of(metrics.OutputTokensPerSecondPerUser?.Median ?? double.NaN)} per user), " +
               $"{Of(metrics.RequestsPerSecond)} requests/s, {price}, {energy}{beside}.";
    }

    /// <summary>The static-batch row of the same model, variant and EP with the lowest $ per 1M generated tokens; null without one.</summary>
    private static PricedRow? StaticFigure(RunResult run, string model, (string Variant, string Ep) variant, RunPricing pricing) =>
        run.Results.Where(row => row.Model == model && row.Variant == variant.Variant && row.ExecutionProvider == variant.Ep)
            .Select(row => new PricedRow(row, pricing.For(row)))
            .Where(row => row.Cost.HardwarePerMillionGeneratedTokens is not null)
            .MinBy(row => row.Cost.HardwarePerMillionGeneratedTokens!.Value.Value);

    private static ReportFigure Frontier((string Variant, string Ep) variant, List<PricedServingPoint> points, bool hasTargets, int colorIndex)
    {
        var measured = points.Where(p => p.Point.Metrics is { OutputTokensPerSecondPerUser: not null }).ToList();
        XyPoint At(PricedServingPoint p, string? label = null) =>
            new(p.Point.Metrics!.OutputTokensPerSecondPerUser!.Median, p.Point.Metrics.OutputTokensPerSecond, label);
        string Label(PricedServingPoint p) => (p.Point.Load.Concurrency is { } c ? $"c{Integer(c)}" : $"{Of(p.Point.Load.RequestsPerSecond ?? double.NaN)}/s") +
            (p.Cost.HardwarePerMillionOutputTokens is { } price ? $" {Usd(price)}" : "") + (p.Point.Metrics!.Saturated ? " sat." : "");
        bool Meets(PricedServingPoint p) => !hasTargets || p.Point.Targets is { Met: true };
        var modes = measured.GroupBy(p => p.Point.Load.Mode).ToList();
        // One colour per load mode, the next one for the points that meet the targets.
        List<XySeries> series =
        [
            .. modes.Select((mode, i) => new XySeries(mode.Key, ChartPalette.Color(colorIndex + i), SeriesStyle.LineWithMarkers, [.. mode.Select(p => At(p))])),
            new(hasTargets ? "meets the targets" : null, ChartPalette.Color(colorIndex + modes.Count), SeriesStyle.Markers,
                [.. measured.Where(Meets).Select(p => At(p, Label(p)))]),
            new("misses a target", ChartPalette.Frontier, SeriesStyle.Markers, [.. measured.Where(p => !Meets(p)).Select(p => At(p, Label(p) + " ✗"))]),
        ];
        var title = $"{variant.Variant} · {variant.Ep} under load";
        var svg = new XyChart($"Serving frontier: {title}", "output tok/s per user (median)", "output tok/s per device", [.. series.Where(s => s.Points.Count > 0)]).ToSvg();
        return new ReportFigure(
            $"Serving frontier of {title}: what the device generates (up) against what one user sees (right), one point per load " +
            "(c: concurrency, /s: offered requests per second), with its $ per 1M output tokens where priced; sat. marks a saturated point" +
            (hasTargets ? ", ✗ one whose requests miss a latency target." : "."),
            svg);
    }
}
