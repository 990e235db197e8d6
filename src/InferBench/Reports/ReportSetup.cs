using System.Globalization;
using InferBench.Cost.Model;
using InferBench.Cost.Runs;
using InferBench.Reports.Document;
using InferBench.Results;
using static InferBench.Reports.ReportCell;
using static InferBench.Results.ReadableNumber;

namespace InferBench.Reports;

/// <summary>What report.md and report.html say before the tables: the run, its setup and its cost assumptions.</summary>
internal static class ReportSetup
{
    public const string Definitions =
        "TTFT: from appending the prompt (prefill) until the first generated token is available. " +
        "Prefill tok/s = batch × prompt tokens / prefill time; decode tok/s = batch × (gen tokens − 1) / decode time; " +
        "ITL = each decode step; E2E = TTFT + decode. " +
        "n = measured repetitions (warmup excluded); percentiles are interpolated; decode tok/s's ± is the half-width of the " +
        "95% interval of the median (distribution-free, its larger side; shown when n ≥ 6). Peak memory is the process's peak resident set size " +
        "during the point. J/token = energy over the point's generations / generated tokens (prefill included); " +
        "figures from an energy source labelled estimated-* are estimates, not measurements, and are marked (est.). " +
        "$/1M gen tokens = price per hour / (median decode tok/s × 3600 × utilisation) × 1e6, so its spread is the decode " +
        "column's. Electricity $/1M and gCO2/1M = J/token × 1e6 / 3.6e6 kWh × PUE × $/kWh or gCO2/kWh; a rental's price " +
        "includes electricity, so they are shown beside $/1M, not added. Full definitions: results/README.md.";

    public static string Title(RunResult run) =>
        string.Create(CultureInfo.InvariantCulture, $"InferBench run {run.RunId} ({run.StartedUtc.UtcDateTime:yyyy-MM-dd HH:mm} UTC)");

    public static string Timing(RunResult run)
    {
        var finished = run.FinishedUtc is { } end
            ? string.Create(CultureInfo.InvariantCulture, $", finished {end.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC")
            : "";
        return string.Create(CultureInfo.InvariantCulture, $"Started {run.StartedUtc.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC{finished}.");
    }

    public static IReadOnlyList<ReportFact> Facts(RunResult run)
    {
        var host = run.Host;
        var memory = host.MemoryBytes is { } bytes ? $", {Number(bytes / (1024.0 * 1024 * 1024))} GiB RAM" : "";
        var gpus = host.Gpus.Count == 0
            ? ""
            : ", GPU: " + string.Join(", ", host.Gpus.Select(g => g.DriverVersion is null ? g.Name : $"{g.Name} (driver {g.DriverVersion})"));
        var software = run.Software;
        var commit = software.InferBenchCommit is null ? "" : $" ({software.InferBenchCommit})";
        var plan = run.Plan;
        var threads = plan.IntraOpThreads is { } count ? Integer(count) : "default";
        var rounds = plan.Rounds > 1 ? $"{Integer(plan.Rounds)} rounds, even rounds in reverse variant order; " : "";
        return
        [
            new("Host", $"{host.OperatingSystem} {host.Architecture}, {host.CpuModel} ({Integer(host.LogicalCores)} logical cores){memory}{gpus}."),
            new("Software", $"{software.DotNet}, ONNX Runtime GenAI {software.OnnxRuntimeGenAI}, ONNX Runtime {software.OnnxRuntime}, InferBench {software.InferBench}{commit}."),
            new("Plan", $"prompt tokens {List(plan.PromptTokens)}; gen tokens {List(plan.GenTokens)}; batch {List(plan.BatchSizes)}; " +
                $"{Integer(plan.WarmupRepetitions)} warmup + {MeasuredRepetitions(plan)} measured repetitions; {rounds}" +
                $"EP {JsonEnumName.Of(plan.ExecutionProvider)}; intra-op threads {threads}; seed {Integer(plan.Seed)}."),
            .. Precision(run),
            new("Command", run.CommandLine, IsCode: true),
            new("Energy", EnergyLine(run.Power)),
            .. QualityText(run),
        ];
    }

    /// <summary>The text quality was measured on, where a model was measured on text.</summary>
    private static IEnumerable<ReportFact> QualityText(RunResult run)
    {
        if (run.EvaluationText is not { } text)
            yield break;
        var where = text.Revision is null ? text.Source : $"{text.Source}@{text.Revision[..Math.Min(12, text.Revision.Length)]} {text.Path}";
        yield return new ReportFact("Quality text",
            $"{text.Name} ({where}, sha256 {text.Sha256[..Math.Min(12, text.Sha256.Length)]}…{(text.Licence is null ? "" : $", licence {text.Licence}")}); " +
            (run.Plan.QualityMethod == QualityMethod.LlamaCpp
                ? "perplexity teacher-forced as llama.cpp's llama-perplexity scores it (non-overlapping chunks, BOS at each chunk's start where the tokenizer adds one, the second half of each scored)"
                : "perplexity teacher-forced in windows, each token scored once") +
            "; drift against each model's highest-precision variant on the same tokens.");
    }

    /// <summary>Each cost assumption with its value and where it came from; a note when the run has no price or none recorded.</summary>
    public static IReadOnlyList<ReportFact> CostAssumptions(RunResult run, RunPricing pricing)
    {
        if (run.Cost is null)
            return [new("Cost", "no assumptions recorded in run.json: no $ or CO2 figures.")];
        var lines = pricing.Assumptions.Select(line => new ReportFact(line.Label, $"{line.Text} ({line.Citation})"));
        return pricing.HasPrice
            ? [.. lines]
            : [new("hardware price", $"none given ({CommandOptions.PricePerHour} or {CommandOptions.Instance}): no $/1M gen tokens."), .. lines];
    }

    private static string EnergyLine(PowerSetup? power) => power switch
    {
        null => $"not measured ({CommandOptions.Power} none).",
        { UnavailableReason: { } why } when power.Source == "unavailable" => $"unavailable: {why}.",
        { Source: "estimated-cpu-tdp" } => $"{power.Source}: {power.Method}.{NotesOf(power)} No idle power: the estimate sees only this process's CPU time.",
        _ => $"{power.Source}: {power.Method}.{NotesOf(power)} Idle {Number(power.IdleWattsBefore)} W before, {Number(power.IdleWattsAfter)} W after the sweep ({power.Source}).",
    };

    /// <summary>The source's caveats, such as the GPUs a run does not use and so does not measure.</summary>
    private static string NotesOf(PowerSetup power) => power.Notes.Count == 0 ? "" : $" Notes: {string.Join("; ", power.Notes)}.";

    private static string MeasuredRepetitions(RunPlanRecord plan) => plan.AutoRepetitions is { } auto
        ? $"{Integer(plan.MeasuredRepetitions)} to {Integer(auto.MaxRepetitions)}"
        : Integer(plan.MeasuredRepetitions);

    /// <summary>For --reps auto, how many points reached the target and which did not (their reason and the half-width they reached).</summary>
    private static IEnumerable<ReportFact> Precision(RunResult run)
    {
        if (run.Plan.AutoRepetitions is not { } auto)
            yield break;
        var stopped = run.Results.Where(result => result.RepetitionStop is not null).ToArray();
        var missed = stopped.Where(result => result.RepetitionStop!.TargetMissed).ToArray();
        var text = $"{CommandOptions.Reps} auto: each point repeated until the 95% interval of its median decode tok/s was within ±{Number(auto.TargetHalfWidthPercent)}% " +
                   $"(at most {Integer(auto.MaxRepetitions)} repetitions and {Number(auto.MaxSecondsPerPoint)} s per point); " +
                   $"{Integer(stopped.Length - missed.Length)} of {Integer(stopped.Length)} measured points reached it";
        if (missed.Length > 0)
            text += "; not reached: " + string.Join("; ", missed.Select(result =>
                $"{result.Variant} batch {Integer(result.BatchSize)}, prompt {Integer(result.PromptTokens)}, gen {Integer(result.GenTokens)}: " +
                $"{JsonEnumName.Of(result.RepetitionStop!.Reason)} after {Integer(result.RepetitionStop.MeasuredRepetitions)} repetitions" +
                (result.RepetitionStop.DecodeHalfWidthPercent is { } reached ? $", ±{Number(reached)}%" : "")));
        yield return new ReportFact("Repetitions", text + ".");
    }

    private static string List(IReadOnlyList<int> values) => string.Join(", ", values.Select(Integer));
}
