using InferBench.Reports;
using InferBench.Reports.Columns;
using static InferBench.Reports.ReportCell;

namespace InferBench.Merge;

/// <summary>
/// The merged results.csv's columns: the machine and run columns, then every column of results.csv with its definition
/// unchanged (results/README.md); and the comparison table of the merged report.md and report.html.
/// </summary>
public static class MergedColumns
{
    /// <summary>The merged files' format version (merged.json's schemaVersion and the merged results.csv's columns).</summary>
    public const int SchemaVersion = 1;

    public static IReadOnlyList<Column<MergedRow>> MachineColumns { get; } =
    [
        new("machine", "Machine", "text", false, "The machine the run ran on, from its host facts", row => Cell.Of(row.Machine.Label)),
        new("run_id", "Run", "text", false, "The run the row comes from", row => Cell.Of(row.Input.RunId)),
        new("run_folder", "Run folder", "text", false, "The run's folder", row => Cell.Of(row.Input.Folder)),
        new("run_state", "Run state", "text", false, "run.json's state: complete, cancelled, in-progress, incomplete",
            row => Cell.Of(row.Input.State is { } state ? JsonEnumName.Of(state) : null)),
        new("run_flags", "Run flags", "text", false, "Caveats on the run's figures, separated by \"; \"",
            row => Cell.Of(row.Input.Flags.Count == 0 ? null : string.Join("; ", row.Input.Flags))),
        new("cloud_provider", "Cloud", "text", false, "The cloud provider, from its metadata service", row => Cell.Of(row.Machine.Identity.CloudProvider)),
        new("instance_type", "Instance type", "text", false, "The cloud instance type", row => Cell.Of(row.Machine.Identity.InstanceType)),
        new("gpu_model", "GPU", "text", false, "The GPU model", row => Cell.Of(row.Machine.Identity.GpuModel)),
        new("gpu_count", "GPUs", "count", true, "GPUs the host showed", row => Cell.Of(row.Machine.Identity.GpuCount)),
        new("gpu_driver", "Driver", "text", false, "The GPU driver version", row => Cell.Of(row.Machine.Identity.GpuDriver)),
        new("cpu_model", "CPU", "text", false, "The CPU model", row => Cell.Of(row.Machine.Identity.CpuModel)),
        new("logical_cores", "Cores", "count", true, "Logical cores the host showed", row => Cell.Of(row.Machine.Identity.LogicalCores)),
        new("price_usd_per_hour", "$/h", "USD/h", true, $"The hardware price usd_per_1m_tokens rests on: {CommandOptions.MachinePrice}'s, else the run's",
            row => Cell.Of(row.Machine.PriceUsdPerHour ?? row.Input.Run?.Cost?.PriceUsdPerHour?.Value)),
    ];

    /// <summary>The merged results.csv's columns; the serving columns only where a merged run has serving points (<see cref="ResultColumns.For"/>).</summary>
    public static IReadOnlyList<Column<MergedRow>> Csv(bool servingRows) =>
        [.. MachineColumns, .. ResultColumns.For(servingRows).Select(column => column.Of((MergedRow row) => row.Priced))];

    public static IReadOnlyList<Column<MergedEntry>> Comparison { get; } =
    [
        Text("variant", "Variant", entry => entry.Variant),
        Text("precision", "Precision", entry => entry.Precision),
        Text("ep", "EP", entry => entry.ExecutionProvider),
        Text("machine", "Machine", entry => entry.Machine),
        new("prompt_tokens", "Prompt", "tokens", true, "Prompt length per sequence", entry => Cell.Of(entry.PromptTokens)),
        new("gen_tokens", "Gen", "tokens", true, "Tokens generated per sequence", entry => Cell.Of(entry.GenTokens)),
        new("batch1_decode", "Decode tok/s, batch 1 (median ± CI95)", "tokens/s", true, "Median decode tok/s at batch 1",
            entry => Cell.Composed(MedianWithCi(entry.BatchOne?.DecodeTokensPerSecond, entry.BatchOne?.DecodeMedianHalfWidthPercent))),
        new("batch1_ttft", "TTFT p50, batch 1 (ms)", "ms", true, "Median time to first token at batch 1",
            entry => Cell.Of(entry.BatchOne?.TimeToFirstTokenMilliseconds.Median)),
        new("best_batch", "Best batch", "sequences", true, "The best measured point's batch", entry => Cell.Of(entry.Best?.BatchSize)),
        new("best_decode", "Decode tok/s, best (median ± CI95)", "tokens/s", true, "Median decode tok/s at the best measured point",
            entry => Cell.Composed(MedianWithCi(entry.Best?.DecodeTokensPerSecond, entry.Best?.DecodeMedianHalfWidthPercent))),
        new("best_ttft", "TTFT p50, best (ms)", "ms", true, "Median time to first token at the best measured point",
            entry => Cell.Of(entry.Best?.TimeToFirstTokenMilliseconds.Median)),
        new("best_j_per_token", "J/token, best", "J/token", true, "Gross J/token at the best measured point",
            entry => Cell.Composed(EnergyLabel.Marked(Number(entry.Best?.JoulesPerGeneratedToken), entry.Best?.EnergySource))),
        Text("energy_source", "Energy source", entry => entry.Best?.EnergySource),
        new("price", "$/h", "USD/h", true, "The machine's price", entry => Cell.Composed(Usd(entry.PriceUsdPerHour))),
        new("best_usd_per_1m", "$/1M gen tokens, best", "USD per 1M generated tokens", true, "Hardware $ per 1M generated tokens at the best measured point",
            entry => Cell.Composed(Usd(entry.Best?.UsdPerMillionGeneratedTokens))),
        new("top1", "Top-1 agreement", "fraction 0-1", true, "Share of positions where the variant picks its reference's next token",
            entry => Cell.Of(entry.Fidelity?.Top1Agreement)),
        new("kl_mean", "KL mean (nats)", "nats", true, "Mean KL(reference || variant)", entry => Cell.Of(entry.Fidelity?.MeanKlDivergenceNats)),
        new("perplexity_change", "Perplexity change (%)", "% of the reference's", true, "(perplexity / the reference's - 1) x 100 on the same tokens",
            entry => Cell.Of(entry.PerplexityChangePercent)),
        Text("quality_against", "Quality against", entry => entry.Quality is { UnavailableReason: null, Reference: { } reference } quality
            ? $"{reference} on {JsonEnumName.Of(quality.Method)}"
            : null),
        Text("run_id", "Run", entry => entry.RunId),
        Text("flags", "Flags and notes", entry => entry.Flags.Concat(entry.Notes).ToList() is { Count: > 0 } all ? string.Join("; ", all) : null),
    ];

    private static Column<MergedEntry> Text(string id, string title, Func<MergedEntry, string?> text) =>
        new(id, title, "text", false, title, entry => Cell.Of(text(entry)));
}
