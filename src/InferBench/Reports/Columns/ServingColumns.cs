using InferBench.Results;

namespace InferBench.Reports.Columns;

/// <summary>
/// results.csv's columns of a serving load point (results/README.md defines each): the ones appended after the static
/// columns, and those static columns whose meaning holds for a point (<see cref="Shared"/>). Latency statistics are over
/// the point's measured requests (inter-token latency: over every gap), definitions in docs/serving.md.
/// </summary>
public static class ServingColumns
{
    private const double MillisecondsPerSecond = 1000;

    /// <summary>How a serving row reads the static columns, by id, whose meaning holds for it; the others stay empty on it.</summary>
    public static IReadOnlyDictionary<string, Func<PricedServingPoint, Cell>> Shared { get; } = new Dictionary<string, Func<PricedServingPoint, Cell>>
    {
        ["model"] = p => Cell.Of(p.Point.Model),
        ["variant"] = p => Cell.Of(p.Point.Variant),
        ["precision"] = p => Cell.Of(p.Point.Precision),
        ["ep"] = p => Cell.Of(p.Point.ExecutionProvider),
        ["status"] = p => Cell.Of(JsonEnumName.Of(p.Point.Status)),
        ["reason"] = p => Cell.Of(p.Point.Reason),
        ["ttft_ms_p50"] = Statistic(m => m.TimeToFirstTokenMilliseconds, s => s.Median),
        ["ttft_ms_p90"] = Statistic(m => m.TimeToFirstTokenMilliseconds, s => s.P90),
        ["ttft_ms_p99"] = Statistic(m => m.TimeToFirstTokenMilliseconds, s => s.P99),
        ["itl_ms_p50"] = Statistic(m => m.InterTokenLatencyMilliseconds, s => s.Median),
        ["itl_ms_p90"] = Statistic(m => m.InterTokenLatencyMilliseconds, s => s.P90),
        ["itl_ms_p99"] = Statistic(m => m.InterTokenLatencyMilliseconds, s => s.P99),
        ["e2e_s_p50"] = Statistic(m => m.EndToEndMilliseconds, s => s.Median / MillisecondsPerSecond),
        ["e2e_s_mean"] = Statistic(m => m.EndToEndMilliseconds, s => s.Mean / MillisecondsPerSecond),
        ["itl_samples"] = p => Cell.Of(p.Point.Metrics?.InterTokenLatencyMilliseconds?.Count),
        ["energy_source"] = p => Cell.Of(p.Point.Energy?.Source),
        ["energy_status"] = p => Cell.Of(p.Point.Energy?.Status),
        ["j_per_token"] = p => Cell.Of(p.Point.Energy?.JoulesPerOutputToken),
        ["avg_w"] = p => Cell.Of(p.Point.Energy?.Gross.AverageWatts),
        ["peak_w"] = p => Cell.Of(p.Point.Energy?.Gross.PeakWatts),
        ["throttled"] = p => Cell.Of(p.Point.Energy?.Gross.Throttled),
        ["energy_usd_per_1m_tokens"] = p => Cell.Of(p.Cost.Energy?.Electricity.Value, ReportCell.Usd(p.Cost.Energy?.Electricity.Value)),
        ["co2_g_per_1m_tokens"] = p => Cell.Of(p.Cost.Energy?.GramsCo2PerMillionTokens),
        ["slo_targets"] = p => Cell.Of(p.Point.Targets is { } verdict ? TargetsText.Limits(verdict) : null),
        ["slo_met"] = p => Cell.Of(p.Point.Targets?.Met),
        ["slo_missed"] = p => Cell.Of(p.Point.Targets is { } verdict ? TargetsText.Missed(verdict) : null),
    };

    /// <summary>The columns appended after the static ones, empty on a static row.</summary>
    public static IReadOnlyList<Column<PricedServingPoint>> Csv { get; } =
    [
        Text("serving_mode", "Load mode", "concurrency: a closed loop of serving_concurrency requests in flight; request-rate: an open loop of arrivals",
            p => p.Point.Load.Mode),
        new("serving_concurrency", "Concurrency", "requests", true, "Closed loop: requests kept in flight", p => Cell.Of(p.Point.Load.Concurrency)),
        Number("request_rate_per_s", "Offered rate (req/s)", "requests/s", "Open loop: the offered arrival rate", p => p.Point.Load.RequestsPerSecond),
        Number("arrival_rate_per_s", "Arrival rate (req/s)", "requests/s", "The rate requests really arrived at", p => p.Point.Metrics?.ArrivalRequestsPerSecond),
        new("saturated", "Saturated", "true/false", false, "The queue kept growing: the engine could not keep up with the offered load",
            p => Cell.Of(p.Point.Metrics?.Saturated)),
        Text("saturation_reason", "Saturation reason", "Why the point is judged saturated", p => p.Point.Metrics?.SaturationReason),
        new("measured_requests", "Requests", "requests", true, "Measured requests the statistics rest on (warmup excluded)", p => Cell.Of(p.Point.Metrics?.MeasuredRequests)),
        new("failed_requests", "Failed requests", "requests", true, "Measured requests that failed or were cancelled", p => Cell.Of(p.Point.Metrics?.FailedRequests)),
        Number("duration_s", "Duration (s)", "s", "From the first measured arrival to the last measured finish", p => p.Point.Metrics?.DurationSeconds),
        Number("requests_per_s", "Requests/s", "requests/s", "Finished requests / duration", p => p.Point.Metrics?.RequestsPerSecond),
        Number("goodput_requests_per_s", "Goodput (req/s)", "requests/s", "Requests meeting every latency target / duration; empty without targets",
            p => p.Point.Metrics?.GoodputRequestsPerSecond),
        Number("input_tokens_per_s", "Input tok/s", "tokens/s", "Prompt tokens of finished requests / duration", p => p.Point.Metrics?.InputTokensPerSecond),
        Number("output_tokens_per_s", "Output tok/s", "tokens/s", "Generated tokens of finished requests / duration: the machine's output throughput",
            p => p.Point.Metrics?.OutputTokensPerSecond),
        Statistic("output_tok_s_per_user_p50", "Tok/s per user p50", "tokens/s", "Median over requests of 1 / TPOT, (output tokens - 1) / (end-to-end - TTFT): what one user sees",
            m => m.OutputTokensPerSecondPerUser, s => s.Median),
        Statistic("queue_ms_p50", "Queue p50 (ms)", "ms", "Median arrival to the submission to the engine (InferBench's own arrival queue; the engine's own queueing is inside TTFT)", m => m.QueueMilliseconds, s => s.Median),
        Statistic("queue_ms_p90", "Queue p90 (ms)", "ms", "90th percentile of the same", m => m.QueueMilliseconds, s => s.P90),
        Statistic("queue_ms_p99", "Queue p99 (ms)", "ms", "99th percentile of the same", m => m.QueueMilliseconds, s => s.P99),
        Statistic("tpot_ms_p50", "TPOT p50 (ms)", "ms", "Median over requests of (end-to-end - TTFT) / (output tokens - 1)", m => m.TimePerOutputTokenMilliseconds, s => s.Median),
        Statistic("tpot_ms_p90", "TPOT p90 (ms)", "ms", "90th percentile of the same", m => m.TimePerOutputTokenMilliseconds, s => s.P90),
        Statistic("tpot_ms_p99", "TPOT p99 (ms)", "ms", "99th percentile of the same", m => m.TimePerOutputTokenMilliseconds, s => s.P99),
        Statistic("e2e_s_p90", "E2E p90 (s)", "s", "90th percentile end-to-end latency, arrival to last token", m => m.EndToEndMilliseconds, s => s.P90 / MillisecondsPerSecond),
        Statistic("e2e_s_p99", "E2E p99 (s)", "s", "99th percentile of the same", m => m.EndToEndMilliseconds, s => s.P99 / MillisecondsPerSecond),
        Number("batch_rows_mean", "Batch rows mean", "requests", "Requests that got a token per engine step, mean over the steps that produced tokens",
            p => p.Point.Metrics?.BatchRowsMean),
        new("batch_rows_max", "Batch rows max", "requests", true, "The most requests that got a token in one step", p => Cell.Of(p.Point.Metrics?.BatchRowsMax)),
        new("effective_max_batch", "Engine max batch", "requests", true, "The most requests per step the engine really runs (its capabilities)",
            p => Cell.Of(p.Point.Capabilities?.EffectiveMaxBatchSize)),
        Text("batching", "Batching", "static or dynamic (continuous batching with a paged KV cache)", p => p.Point.Capabilities?.Batching),
        new("engine_steps", "Engine steps", "count", true, "Engine runs during the point", p => Cell.Of(p.Point.Metrics?.EngineSteps)),
        Number("cached_prompt_tokens", "Cached prompt tokens", "tokens", "Prompt tokens the engine reused from its cache over the measured requests",
            p => p.Point.Metrics?.CachedPromptTokens),
        Number("mean_requests_in_system", "Mean requests in system", "requests", "Time-average of requests arrived and not finished (Little's law's L)",
            p => p.Point.Metrics?.MeanRequestsInSystem),
        Number("littles_law_diff", "Little's law difference", "fraction", "|L - requests_per_s x mean end-to-end latency| / L",
            p => p.Point.Metrics?.LittlesLawRelativeDifference),
        Number("harness_overhead_pct", "Harness overhead (%)", "% of engine time", "InferBench's own time between engine runs / time inside them",
            p => p.Point.Metrics?.HarnessOverheadPercent),
        Number("steady_j_per_output_token", "Steady-state J/token", "J/output token",
            "Energy in the steady-state window (offered load in force, warmup and drain left out) / output tokens in it",
            p => p.Point.Energy?.SteadyStateJoulesPerOutputToken),
        Usd("usd_per_1m_output_tokens", "$/1M output tokens", "USD per 1M output tokens",
            "Hardware time per million output tokens at output_tokens_per_s and the run's utilisation U, the prompts' processing included",
            p => p.Cost.HardwarePerMillionOutputTokens?.Value),
        Number("input_per_output_tokens", "Input per output token", "tokens/token", "input_tokens_per_s / output_tokens_per_s: the mix the split is at",
            p => p.Cost.Mix?.InputTokensPerOutputToken),
        Usd("usd_per_1m_input_tokens_split", "$/1M input (split)", "USD per 1M input tokens",
            "usd_per_1m_output_tokens split as price sheets list it: input's share at the point's mix, output priced at 4x input",
            p => p.Cost.Split?.Input.Value),
        Usd("usd_per_1m_output_tokens_split", "$/1M output (split)", "USD per 1M output tokens", "The output price of the same split",
            p => p.Cost.Split?.Output.Value),
    ];

    private static Column<PricedServingPoint> Text(string id, string title, string legend, Func<PricedServingPoint, string?> text) =>
        new(id, title, "text", false, legend, p => Cell.Of(text(p)));

    private static Column<PricedServingPoint> Number(string id, string title, string unit, string legend, Func<PricedServingPoint, double?> value) =>
        new(id, title, unit, true, legend, p => Cell.Of(value(p)));

    private static Column<PricedServingPoint> Usd(string id, string title, string unit, string legend, Func<PricedServingPoint, double?> value) =>
        new(id, title, unit, true, legend, p => Cell.Of(value(p), ReportCell.Usd(value(p))));

    private static Func<PricedServingPoint, Cell> Statistic(Func<ServingPointMetrics, SampleStatistics?> metric, Func<SampleStatistics, double> statistic) =>
        p => Cell.Of(p.Point.Metrics is { } metrics && metric(metrics) is { } samples ? statistic(samples) : null);

    private static Column<PricedServingPoint> Statistic(string id, string title, string unit, string legend,
        Func<ServingPointMetrics, SampleStatistics?> metric, Func<SampleStatistics, double> statistic) =>
        new(id, title, unit, true, legend, Statistic(metric, statistic));
}
