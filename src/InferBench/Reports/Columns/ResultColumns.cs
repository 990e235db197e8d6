using InferBench.Results;

namespace InferBench.Reports.Columns;

/// <summary>
/// results.csv's columns, in the documented order (results/README.md defines each): a flat view of one
/// <see cref="ScenarioResult"/> and its cost. Absent and NaN values are empty cells; "mb" columns are MiB (2^20 bytes).
/// The cost columns are computed at export time from the run's cost assumptions; run.json stores nothing priced.
/// The report tables (<see cref="ReportTable"/>) show some of them as they are and combine others.
/// </summary>
public static class ResultColumns
{
    /// <summary>The version of the column set; it moves with run.json's schemaVersion (see results/README.md).</summary>
    public const int SchemaVersion = RunResult.CurrentSchemaVersion;

    private const double BytesPerMebibyte = 1024 * 1024;

    // Named here: the columns that ReportTable also shows, as they are or combined. The others are defined in Csv alone.
    public static Column<PricedRow> LoadSeconds { get; } = Number("load_s", "Load (s)", "s", "Time to load the model",
        row => row.Result.LoadSeconds);

    public static Column<PricedRow> TtftP50 { get; } = Statistic("ttft_ms_p50", "TTFT p50 (ms)", "ms", "Median time to first token",
        m => m.TimeToFirstTokenMilliseconds, s => s.Median);

    public static Column<PricedRow> TtftP90 { get; } = Statistic("ttft_ms_p90", "TTFT p90 (ms)", "ms", "90th percentile time to first token",
        m => m.TimeToFirstTokenMilliseconds, s => s.P90);

    public static Column<PricedRow> PrefillP50 { get; } = Statistic("prefill_tok_s_p50", "Prefill tok/s (median)", "tokens/s",
        "Median prefill throughput", m => m.PrefillTokensPerSecond, s => s.Median);

    public static Column<PricedRow> ItlP50 { get; } = Statistic("itl_ms_p50", "ITL p50 (ms)", "ms", "Median inter-token latency",
        m => m.InterTokenLatencyMilliseconds, s => s.Median);

    public static Column<PricedRow> ItlP99 { get; } = Statistic("itl_ms_p99", "ITL p99 (ms)", "ms", "99th percentile inter-token latency",
        m => m.InterTokenLatencyMilliseconds, s => s.P99);

    public static Column<PricedRow> EndToEndP50 { get; } = Statistic("e2e_s_p50", "E2E p50 (s)", "s", "Median end-to-end time",
        m => m.EndToEndSeconds, s => s.Median);

    public static Column<PricedRow> PeakMemory { get; } = new("peak_memory_mb", "Peak memory (MiB)", "MiB", true,
        "Peak resident set size of the process during the point", row => Mebibytes(row.Result.PeakMemoryBytes));

    public static Column<PricedRow> Round { get; } = new("round", "Round", "count", true,
        $"The sweep round that measured the row, from 1 ({CommandOptions.Rounds}; even rounds run the variants in reverse order)", row => Cell.Of(row.Result.Round));

    public static Column<PricedRow> MeasuredRepetitions { get; } = new("measured_reps", "n", "count", true,
        "Measured repetitions the statistics rest on (warmup excluded)", row => Cell.Of(row.Result.Metrics?.TimeToFirstTokenMilliseconds.Count));

    public static Column<PricedRow> JoulesPerToken { get; } = Number("j_per_token", "J/token", "J/token",
        "Energy of the window over the point's generations / generated tokens", row => row.Result.Energy?.JoulesPerGeneratedToken);

    public static Column<PricedRow> NetJoulesPerToken { get; } = Number("j_per_token_net", "J/token net of idle", "J/token",
        "The same, less the idle power measured before the sweep over the window's duration", row => row.Result.Energy?.NetJoulesPerGeneratedToken);

    public static Column<PricedRow> AverageWatts { get; } = Number("avg_w", "Avg W", "W", "Average power over the window", row => row.Result.Energy?.AverageWatts);

    public static Column<PricedRow> UsdPerMillionGeneratedTokens { get; } = Usd("usd_per_1m_tokens", "$/1M gen tokens", "USD per 1M generated tokens",
        "Hardware time per million generated tokens at the run's utilisation U", row => row.Cost.HardwarePerMillionGeneratedTokens?.Value);

    public static Column<PricedRow> EnergyUsdPerMillionTokens { get; } = Usd("energy_usd_per_1m_tokens", "Electricity $/1M", "USD per 1M generated tokens",
        "Electricity for a million generated tokens at the facility", row => row.Cost.Energy?.Electricity.Value);

    public static Column<PricedRow> Co2GramsPerMillionTokens { get; } = Number("co2_g_per_1m_tokens", "gCO2/1M", "gCO2 per 1M generated tokens",
        "The same kWh x the grid's gCO2/kWh", row => row.Cost.Energy?.GramsCo2PerMillionTokens);

    public static Column<PricedRow> Perplexity { get; } = Number("perplexity", "Perplexity", "dimensionless",
        "exp(mean negative log-likelihood per scored token) on the evaluation text", row => row.Result.Quality?.Perplexity);

    public static Column<PricedRow> PerplexityChange { get; } = Number("perplexity_change_pct", "Perplexity change (%)", "% of the reference's",
        "(perplexity / the reference variant's - 1) x 100 on the same tokens; 0 for the reference", row => row.Result.Quality?.PerplexityChangePercent);

    /// <summary>The columns of a file with serving rows (all of <see cref="Csv"/>) or without (the static ones, as version 2 wrote them).</summary>
    public static IReadOnlyList<Column<ResultsRow>> For(bool servingRows) => servingRows ? Csv : [.. Csv.Take(Static.Count)];

    /// <summary>The columns of a static-batch row (<see cref="ScenarioResult"/>), results.csv's first ones.</summary>
    public static IReadOnlyList<Column<PricedRow>> Static { get; } =
    [
        .. ScenarioColumns.All.Select(column => column.Of((PricedRow row) => row.Key)),
        new("status", "Status", "text", false, "ok measured; failed tried and broke; unsupported cannot run on this host or build; skipped not attempted",
            row => Cell.Of(JsonEnumName.Of(row.Result.Status))),
        new("reason", "Reason", "text", false, "Why the row is not ok, or a note on an ok row", row => Cell.Of(row.Result.Reason)),
        LoadSeconds,
        new("resident_memory_after_load_mb", "Memory after load (MiB)", "MiB", true, "Resident set size of the process right after the model was loaded",
            row => Mebibytes(row.Result.ResidentMemoryAfterLoadBytes)),
        TtftP50, TtftP90,
        Statistic("ttft_ms_p99", "TTFT p99 (ms)", "ms", "99th percentile time to first token", m => m.TimeToFirstTokenMilliseconds, s => s.P99),
        Statistic("ttft_ms_ci95_low", "TTFT CI95 low (ms)", "ms", "Lower bound of the 95% confidence interval of the mean time to first token",
            m => m.TimeToFirstTokenMilliseconds, s => s.ConfidenceInterval95Lower),
        Statistic("ttft_ms_ci95_high", "TTFT CI95 high (ms)", "ms", "Upper bound of the same interval",
            m => m.TimeToFirstTokenMilliseconds, s => s.ConfidenceInterval95Upper),
        PrefillP50,
        Statistic("prefill_tok_s_mean", "Prefill tok/s (mean)", "tokens/s", "Mean prefill throughput", m => m.PrefillTokensPerSecond, s => s.Mean),
        Statistic("decode_tok_s_p50", "Decode tok/s (median)", "tokens/s", "Median decode throughput", m => m.DecodeTokensPerSecond, s => s.Median),
        Statistic("decode_tok_s_mean", "Decode tok/s (mean)", "tokens/s", "Mean decode throughput", m => m.DecodeTokensPerSecond, s => s.Mean),
        Statistic("decode_tok_s_ci95_low", "Decode tok/s CI95 low", "tokens/s", "Lower bound of the 95% confidence interval of the mean decode throughput",
            m => m.DecodeTokensPerSecond, s => s.ConfidenceInterval95Lower),
        Statistic("decode_tok_s_ci95_high", "Decode tok/s CI95 high", "tokens/s", "Upper bound of the same interval",
            m => m.DecodeTokensPerSecond, s => s.ConfidenceInterval95Upper),
        ItlP50,
        Statistic("itl_ms_p90", "ITL p90 (ms)", "ms", "90th percentile inter-token latency", m => m.InterTokenLatencyMilliseconds, s => s.P90),
        ItlP99,
        EndToEndP50,
        Statistic("e2e_s_mean", "E2E mean (s)", "s", "Mean end-to-end time", m => m.EndToEndSeconds, s => s.Mean),
        PeakMemory, MeasuredRepetitions,
        new("itl_samples", "ITL samples", "count", true, "Inter-token latency samples: the decode steps of all measured repetitions",
            row => Cell.Of(row.Result.Metrics?.InterTokenLatencyMilliseconds.Count)),
        new("energy_source", "Energy source", "text", false, "Where every energy figure of the row comes from", row => Cell.Of(row.Result.Energy?.Source)),
        new("energy_status", "Energy status", "text", false, "Status of the energy window over the measured generations",
            row => Cell.Of(row.Result.Energy?.Status)),
        JoulesPerToken, NetJoulesPerToken,
        Number("prefill_j_per_token", "Prefill J/token", "J/token", "Sum of the measured repetitions' prefill windows / prompt tokens processed",
            row => row.Result.Energy?.PrefillJoulesPerPromptToken),
        Number("decode_j_per_token", "Decode J/token", "J/token", "Sum of the decode windows / decode tokens",
            row => row.Result.Energy?.DecodeJoulesPerGeneratedToken),
        AverageWatts,
        Number("peak_w", "Peak W", "W", "Highest power read in the window", row => row.Result.Energy?.PeakWatts),
        new("throttled", "Throttled", "true/false", false, "Clocks were held down by power or temperature during the window",
            row => Cell.Of(row.Result.Energy?.Throttled)),
        UsdPerMillionGeneratedTokens,
        Usd("usd_per_1m_prompt_tokens", "$/1M prompt tokens", "USD per 1M prompt tokens", "The same from the median prefill throughput",
            row => row.Cost.HardwarePerMillionPromptTokens?.Value),
        EnergyUsdPerMillionTokens, Co2GramsPerMillionTokens,
        new("fidelity_reference", "Fidelity reference", "text", false, "The variant this row's fidelity is measured against",
            row => Cell.Of(row.Result.Fidelity?.Reference)),
        new("kl_mean_nats", "KL mean (nats)", "nats", true, "Mean KL(reference || variant) of next-token distributions over the fidelity positions",
            row => Cell.Of(row.Result.Fidelity?.MeanKlDivergenceNats)),
        new("kl_p99_nats", "KL p99 (nats)", "nats", true, "99th percentile of the per-position KL divergence",
            row => Cell.Of(row.Result.Fidelity?.P99KlDivergenceNats)),
        new("top1_agreement", "Top-1 agreement", "fraction 0-1", true, "Share of positions where the variant's most likely next token is the reference's",
            row => Cell.Of(row.Result.Fidelity?.Top1Agreement)),
        new("greedy_logprob_delta_nats", "Greedy log-prob delta (nats)", "nats", true,
            "Mean change of the log-probability of the reference's greedy token", row => Cell.Of(row.Result.Fidelity?.MeanGreedyLogProbDeltaNats)),
        Round,
        new("stop_reason", "Stop reason", "text", false,
            "Why the point stopped repeating",
            row => Cell.Of(row.Result.RepetitionStop is { } stop ? JsonEnumName.Of(stop.Reason) : null)),
        Number("decode_ci95_stop_pct", "Decode CI95 at stop (±%)", "% of median",
            "The larger side of the stopping rule's 95% interval of the median decode tok/s, in percent of the median",
            row => row.Result.RepetitionStop?.DecodeHalfWidthPercent),
        Number("target_ci_pct", "Target CI (±%)", "% of median", $"{CommandOptions.Reps} auto's target half-width",
            row => row.Result.RepetitionStop?.TargetHalfWidthPercent),
        Number("decode_tok_s_per_seq", "Decode tok/s per sequence", "tokens/s per sequence",
            "Median decode throughput / batch: the generation speed one sequence (one user) sees",
            row => row.Result.Metrics is { } metrics ? metrics.DecodeTokensPerSecond.Median / row.Result.BatchSize : null),
        new("slo_targets", "Latency targets", "text", false, "The run's latency targets",
            row => Cell.Of(row.Result.Targets is { } verdict ? TargetsText.Limits(verdict) : null)),
        new("slo_met", "Meets targets", "true/false", false, "Whether the row meets every latency target",
            row => Cell.Of(row.Result.Targets?.Met)),
        new("slo_missed", "Targets missed", "text", false, "The targets the row misses, the one missed by the largest factor first",
            row => Cell.Of(row.Result.Targets is { } verdict ? TargetsText.Missed(verdict) : null)),
        new("batch_stop", "Batch stop", "text", false, $"On the row that ended a {CommandOptions.Batch} auto sweep",
            row => Cell.Of(row.Result.BatchStop is { } stop ? JsonEnumName.Of(stop.Reason) : null)),
        new("batch_stop_detail", "Batch stop detail", "text", false, "The same in words, with the figures it rests on",
            row => Cell.Of(row.Result.BatchStop?.Detail)),
        new("quality_method", "Quality method", "text", false,
            "text: perplexity and drift on the evaluation text in sliding windows; llama.cpp: the same in llama.cpp's chunks; " +
            "random-tokens: drift on seeded random tokens (a model without a tokenizer)",
            row => Cell.Of(row.Result.Quality is { } quality ? JsonEnumName.Of(quality.Method) : null)),
        Perplexity,
        PerplexityChange,
        new("quality_tokens", "Quality tokens", "count", true, "Scored tokens of the evaluation text the perplexity and drift rest on",
            row => Cell.Of(row.Result.Quality?.ScoredTokens)),
        new("quality_unavailable", "Quality unavailable", "text", false, "Why quality on text could not be measured; the speed figures stand",
            row => Cell.Of(row.Result.Quality?.UnavailableReason)),
        .. QualityColumns.Csv.Select(column => column.Of((PricedRow row) => row.Result)),
    ];

    /// <summary>
    /// results.csv's columns: <see cref="Static"/>, which a serving row fills where <see cref="ServingColumns.Shared"/>
    /// gives their meaning for it, then row_kind and <see cref="ServingColumns.Csv"/>, empty on a static row. A file
    /// without serving rows has only the first ones (<see cref="For"/>).
    /// </summary>
    public static IReadOnlyList<Column<ResultsRow>> Csv { get; } =
    [
        .. Static.Select(column => new Column<ResultsRow>(column.Id, column.Title, column.Unit, column.Numeric, column.Legend, row =>
            row.Static is { } priced ? column.Read(priced)
            : ServingColumns.Shared.TryGetValue(column.Id, out var read) ? read(row.Serving!)
            : Cell.Absent)),
        new("row_kind", "Row kind", "text", false, "static: a static-batch row (Generator); serving: a serving load point (serve), whose own columns follow",
            row => Cell.Of(row.Static is null ? "serving" : "static")),
        .. ServingColumns.Csv.Select(column => new Column<ResultsRow>(column.Id, column.Title, column.Unit, column.Numeric, column.Legend, row =>
            row.Serving is { } point ? column.Read(point) : Cell.Absent)),
    ];

    /// <summary>A figure; empty when absent or not finite (<see cref="Cell.Of(double?, string?)"/>).</summary>
    private static Column<PricedRow> Number(string id, string title, string unit, string legend, Func<PricedRow, double?> value) =>
        new(id, title, unit, true, legend, row => Cell.Of(value(row)));

    private static Column<PricedRow> Statistic(string id, string title, string unit, string legend,
        Func<ScenarioMetrics, SampleStatistics> metric, Func<SampleStatistics, double> statistic) =>
        Number(id, title, unit, legend, row => row.Result.Metrics is { } metrics ? statistic(metric(metrics)) : null);

    private static Column<PricedRow> Usd(string id, string title, string unit, string legend, Func<PricedRow, double?> value) =>
        new(id, title, unit, true, legend, row => Cell.Of(value(row), ReportCell.Usd(value(row))));

    private static Cell Mebibytes(long? bytes)
    {
        var mebibytes = bytes / BytesPerMebibyte;
        return Cell.Of(mebibytes, ReportCell.Mebibytes(mebibytes));
    }
}
