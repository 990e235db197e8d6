using System.Globalization;
using System.Text;
using InferBench.Results;
using static InferBench.Reports.MarkdownCell;

namespace InferBench.Reports;

/// <summary>report.md: the run at a glance, one table per model with its variants and plan points side by side.</summary>
public sealed class MarkdownReportExporter : IRunExporter
{
    private const string TableHeader =
        "| Variant | Precision | EP | Batch | Prompt | Gen | Status | n | TTFT p50 [p90] (ms) | Prefill tok/s (median) " +
        "| Decode tok/s (median ± CI95) | ITL p50 / p99 (ms) | E2E p50 (s) | Peak memory (MiB) | Load (s) " +
        "| J/token [net of idle] | Avg W | Energy source |\n" +
        "|---|---|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|";

    public string FileName => "report.md";

    public string Export(RunResult run)
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# InferBench run {run.RunId} ({run.StartedUtc.UtcDateTime:yyyy-MM-dd HH:mm} UTC)\n\n");
        if (run.Cancelled)
        {
            md.Append("> **Cancelled:** the run was stopped before its plan was done; the results below are partial.\n\n");
        }
        AppendSetup(md, run);
        foreach (var model in run.Results.GroupBy(result => result.Model))
        {
            md.Append(CultureInfo.InvariantCulture, $"## {model.Key}\n\n{TableHeader}\n");
            // Stable sort: the variants of one plan point end up on adjacent rows, in run order.
            foreach (var result in model.OrderBy(r => r.BatchSize).ThenBy(r => r.PromptTokens).ThenBy(r => r.GenTokens))
            {
                md.Append(Row(result)).Append('\n');
            }
            md.Append('\n');
        }
        md.Append(
            "TTFT: from appending the prompt (prefill) until the first generated token is available. " +
            "Prefill tok/s = batch × prompt tokens / prefill time; decode tok/s = batch × (gen tokens − 1) / decode time; " +
            "ITL = each decode step; E2E = TTFT + decode.\n" +
            "n = measured repetitions (warmup excluded); percentiles are interpolated; ± is the half-width of the 95% " +
            "confidence interval of the mean (shown when n ≥ 2). Peak memory is the process's peak resident set size " +
            "during the point. J/token = energy over the point's generations / generated tokens (prefill included); " +
            "figures labelled estimated-* are estimates, not measurements. Full definitions: results/README.md.\n");
        return md.ToString();
    }

    private static void AppendSetup(StringBuilder md, RunResult run)
    {
        var host = run.Host;
        var memory = host.MemoryBytes is { } bytes ? $", {Number(bytes / (1024.0 * 1024 * 1024))} GiB RAM" : "";
        var gpus = host.Gpus.Count == 0
            ? ""
            : ", GPU: " + string.Join(", ", host.Gpus.Select(g => g.DriverVersion is null ? g.Name : $"{g.Name} (driver {g.DriverVersion})"));
        var software = run.Software;
        var commit = software.InferBenchCommit is null ? "" : $" ({software.InferBenchCommit})";
        var plan = run.Plan;
        var threads = plan.IntraOpThreads?.ToString(CultureInfo.InvariantCulture) ?? "default";
        var finished = run.FinishedUtc is { } end
            ? string.Create(CultureInfo.InvariantCulture, $", finished {end.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC")
            : "";
        md.Append(CultureInfo.InvariantCulture, $"""
            Started {run.StartedUtc.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC{finished}.

            - **Host:** {host.OperatingSystem} {host.Architecture}, {host.CpuModel} ({host.LogicalCores} logical cores){memory}{gpus}.
            - **Software:** {software.DotNet}, ONNX Runtime GenAI {software.OnnxRuntimeGenAI}, ONNX Runtime {software.OnnxRuntime}, InferBench {software.InferBench}{commit}.
            - **Plan:** prompt tokens {List(plan.PromptTokens)}; gen tokens {List(plan.GenTokens)}; batch {List(plan.BatchSizes)}; {plan.WarmupRepetitions} warmup + {plan.MeasuredRepetitions} measured repetitions; EP {plan.ExecutionProvider}; intra-op threads {threads}; seed {plan.Seed}.
            - **Command:** {Code(run.CommandLine)}
            - **Energy:** {EnergyLine(run.Power)}


            """);
    }

    private static string EnergyLine(PowerSetup? power) => power switch
    {
        null => "not measured (--power none).",
        { UnavailableReason: { } why } when power.Source == "unavailable" => $"unavailable: {why}.",
        _ => $"{power.Source}: {power.Method}. Idle {Number(power.IdleWattsBefore)} W before, {Number(power.IdleWattsAfter)} W after the sweep.",
    };

    private static string Row(ScenarioResult result)
    {
        var metrics = result.Metrics;
        var status = JsonEnumName.Of(result.Status) + (result.Reason is { } reason ? $": {reason}" : "");
        string[] cells =
        [
            result.Variant, result.Precision, result.ExecutionProvider, Integer(result.BatchSize),
            Integer(result.PromptTokens), Integer(result.GenTokens), status,
            metrics is null ? Absent : Integer(metrics.TimeToFirstTokenMilliseconds.Count),
            WithBracketed(metrics?.TimeToFirstTokenMilliseconds.Median, metrics?.TimeToFirstTokenMilliseconds.P90),
            Number(metrics?.PrefillTokensPerSecond.Median),
            MedianWithCi(metrics?.DecodeTokensPerSecond),
            WithSlash(metrics?.InterTokenLatencyMilliseconds.Median, metrics?.InterTokenLatencyMilliseconds.P99),
            Number(metrics?.EndToEndSeconds.Median),
            Mebibytes(result.PeakMemoryBytes),
            Number(result.LoadSeconds),
            WithBracketed(result.Energy?.JoulesPerGeneratedToken, result.Energy?.NetJoulesPerGeneratedToken),
            Number(result.Energy?.AverageWatts),
            result.Energy is { } energy ? $"{energy.Source}{(energy.Throttled == true ? " (throttled)" : "")}" : Absent,
        ];
        return "| " + string.Join(" | ", cells.Select(Text)) + " |";
    }

    private static string WithSlash(double? first, double? second)
    {
        var text = Number(first);
        return text == Absent ? Absent : $"{text} / {Number(second)}";
    }

    private static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string List(IReadOnlyList<int> values) => string.Join(", ", values.Select(Integer));
}
