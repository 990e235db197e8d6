using CsvHelper;
using InferBench.Cost;
using InferBench.Results;

namespace InferBench.Reports;

/// <summary>
/// One line of results.csv: a flat view of one <see cref="ScenarioResult"/>. Columns are written in declaration
/// order; results/README.md defines each one. Absent and NaN values are empty cells; "mb" columns are MiB (2^20 bytes).
/// The cost columns are computed at export time from the run's cost assumptions; run.json stores nothing priced.
/// </summary>
[CsvRecord]
public sealed partial record CsvResultRow
{
    /// <summary>The version of the column set; it moves with run.json's schemaVersion (see results/README.md).</summary>
    public const int SchemaVersion = RunResult.CurrentSchemaVersion;

    private const double BytesPerMebibyte = 1024 * 1024;

    [CsvColumn("model")] public required string Model { get; init; }
    [CsvColumn("variant")] public required string Variant { get; init; }
    [CsvColumn("precision")] public required string Precision { get; init; }
    [CsvColumn("ep")] public required string ExecutionProvider { get; init; }
    [CsvColumn("batch")] public int BatchSize { get; init; }
    [CsvColumn("prompt_tokens")] public int PromptTokens { get; init; }
    [CsvColumn("gen_tokens")] public int GenTokens { get; init; }
    [CsvColumn("status")] public required string Status { get; init; }
    [CsvColumn("reason"), CsvNullValues("")] public string? Reason { get; init; }
    [CsvColumn("load_s"), CsvConverter(typeof(CsvNumberConverter))] public double? LoadSeconds { get; init; }
    [CsvColumn("resident_memory_after_load_mb"), CsvConverter(typeof(CsvNumberConverter))] public double? ResidentMemoryAfterLoadMib { get; init; }
    [CsvColumn("ttft_ms_p50"), CsvConverter(typeof(CsvNumberConverter))] public double? TtftMsP50 { get; init; }
    [CsvColumn("ttft_ms_p90"), CsvConverter(typeof(CsvNumberConverter))] public double? TtftMsP90 { get; init; }
    [CsvColumn("ttft_ms_p99"), CsvConverter(typeof(CsvNumberConverter))] public double? TtftMsP99 { get; init; }
    [CsvColumn("ttft_ms_ci95_low"), CsvConverter(typeof(CsvNumberConverter))] public double? TtftMsCi95Low { get; init; }
    [CsvColumn("ttft_ms_ci95_high"), CsvConverter(typeof(CsvNumberConverter))] public double? TtftMsCi95High { get; init; }
    [CsvColumn("prefill_tok_s_p50"), CsvConverter(typeof(CsvNumberConverter))] public double? PrefillTokPerSecP50 { get; init; }
    [CsvColumn("prefill_tok_s_mean"), CsvConverter(typeof(CsvNumberConverter))] public double? PrefillTokPerSecMean { get; init; }
    [CsvColumn("decode_tok_s_p50"), CsvConverter(typeof(CsvNumberConverter))] public double? DecodeTokPerSecP50 { get; init; }
    [CsvColumn("decode_tok_s_mean"), CsvConverter(typeof(CsvNumberConverter))] public double? DecodeTokPerSecMean { get; init; }
    [CsvColumn("decode_tok_s_ci95_low"), CsvConverter(typeof(CsvNumberConverter))] public double? DecodeTokPerSecCi95Low { get; init; }
    [CsvColumn("decode_tok_s_ci95_high"), CsvConverter(typeof(CsvNumberConverter))] public double? DecodeTokPerSecCi95High { get; init; }
    [CsvColumn("itl_ms_p50"), CsvConverter(typeof(CsvNumberConverter))] public double? ItlMsP50 { get; init; }
    [CsvColumn("itl_ms_p90"), CsvConverter(typeof(CsvNumberConverter))] public double? ItlMsP90 { get; init; }
    [CsvColumn("itl_ms_p99"), CsvConverter(typeof(CsvNumberConverter))] public double? ItlMsP99 { get; init; }
    [CsvColumn("e2e_s_p50"), CsvConverter(typeof(CsvNumberConverter))] public double? EndToEndSecP50 { get; init; }
    [CsvColumn("e2e_s_mean"), CsvConverter(typeof(CsvNumberConverter))] public double? EndToEndSecMean { get; init; }
    [CsvColumn("peak_memory_mb"), CsvConverter(typeof(CsvNumberConverter))] public double? PeakMemoryMib { get; init; }
    [CsvColumn("measured_reps")] public int? MeasuredRepetitions { get; init; }
    [CsvColumn("itl_samples")] public int? ItlSamples { get; init; }
    [CsvColumn("energy_source"), CsvNullValues("")] public string? EnergySource { get; init; }
    [CsvColumn("energy_status"), CsvNullValues("")] public string? EnergyStatus { get; init; }
    [CsvColumn("j_per_token"), CsvConverter(typeof(CsvNumberConverter))] public double? JoulesPerToken { get; init; }
    [CsvColumn("j_per_token_net"), CsvConverter(typeof(CsvNumberConverter))] public double? NetJoulesPerToken { get; init; }
    [CsvColumn("prefill_j_per_token"), CsvConverter(typeof(CsvNumberConverter))] public double? PrefillJoulesPerToken { get; init; }
    [CsvColumn("decode_j_per_token"), CsvConverter(typeof(CsvNumberConverter))] public double? DecodeJoulesPerToken { get; init; }
    [CsvColumn("avg_w"), CsvConverter(typeof(CsvNumberConverter))] public double? AverageWatts { get; init; }
    [CsvColumn("peak_w"), CsvConverter(typeof(CsvNumberConverter))] public double? PeakWatts { get; init; }
    [CsvColumn("throttled"), CsvNullValues("")] public string? Throttled { get; init; }
    [CsvColumn("usd_per_1m_tokens"), CsvConverter(typeof(CsvNumberConverter))] public double? UsdPerMillionGeneratedTokens { get; init; }
    [CsvColumn("usd_per_1m_prompt_tokens"), CsvConverter(typeof(CsvNumberConverter))] public double? UsdPerMillionPromptTokens { get; init; }
    [CsvColumn("energy_usd_per_1m_tokens"), CsvConverter(typeof(CsvNumberConverter))] public double? EnergyUsdPerMillionTokens { get; init; }
    [CsvColumn("co2_g_per_1m_tokens"), CsvConverter(typeof(CsvNumberConverter))] public double? Co2GramsPerMillionTokens { get; init; }
    [CsvColumn("fidelity_reference"), CsvNullValues("")] public string? FidelityReference { get; init; }
    [CsvColumn("kl_mean_nats"), CsvConverter(typeof(CsvNumberConverter))] public double? MeanKlNats { get; init; }
    [CsvColumn("kl_p99_nats"), CsvConverter(typeof(CsvNumberConverter))] public double? P99KlNats { get; init; }
    [CsvColumn("top1_agreement"), CsvConverter(typeof(CsvNumberConverter))] public double? Top1Agreement { get; init; }
    [CsvColumn("greedy_logprob_delta_nats"), CsvConverter(typeof(CsvNumberConverter))] public double? GreedyLogProbDeltaNats { get; init; }

    /// <param name="cost">The row priced under its run's assumptions (<see cref="RunPricing.For"/>).</param>
    public static CsvResultRow From(ScenarioResult result, RowCost cost)
    {
        var metrics = result.Metrics;
        SampleStatistics? ttft = metrics?.TimeToFirstTokenMilliseconds, prefill = metrics?.PrefillTokensPerSecond,
            decode = metrics?.DecodeTokensPerSecond, itl = metrics?.InterTokenLatencyMilliseconds, e2e = metrics?.EndToEndSeconds;
        return new CsvResultRow
        {
            Model = result.Model,
            Variant = result.Variant,
            Precision = result.Precision,
            ExecutionProvider = result.ExecutionProvider,
            BatchSize = result.BatchSize,
            PromptTokens = result.PromptTokens,
            GenTokens = result.GenTokens,
            Status = JsonEnumName.Of(result.Status),
            Reason = result.Reason,
            LoadSeconds = Finite(result.LoadSeconds),
            ResidentMemoryAfterLoadMib = result.ResidentMemoryAfterLoadBytes / BytesPerMebibyte,
            TtftMsP50 = Finite(ttft?.Median),
            TtftMsP90 = Finite(ttft?.P90),
            TtftMsP99 = Finite(ttft?.P99),
            TtftMsCi95Low = Finite(ttft?.ConfidenceInterval95Lower),
            TtftMsCi95High = Finite(ttft?.ConfidenceInterval95Upper),
            PrefillTokPerSecP50 = Finite(prefill?.Median),
            PrefillTokPerSecMean = Finite(prefill?.Mean),
            DecodeTokPerSecP50 = Finite(decode?.Median),
            DecodeTokPerSecMean = Finite(decode?.Mean),
            DecodeTokPerSecCi95Low = Finite(decode?.ConfidenceInterval95Lower),
            DecodeTokPerSecCi95High = Finite(decode?.ConfidenceInterval95Upper),
            ItlMsP50 = Finite(itl?.Median),
            ItlMsP90 = Finite(itl?.P90),
            ItlMsP99 = Finite(itl?.P99),
            EndToEndSecP50 = Finite(e2e?.Median),
            EndToEndSecMean = Finite(e2e?.Mean),
            PeakMemoryMib = result.PeakMemoryBytes / BytesPerMebibyte,
            MeasuredRepetitions = ttft?.Count,
            ItlSamples = itl?.Count,
            EnergySource = result.Energy?.Source,
            EnergyStatus = result.Energy?.Status,
            JoulesPerToken = Finite(result.Energy?.JoulesPerGeneratedToken),
            NetJoulesPerToken = Finite(result.Energy?.NetJoulesPerGeneratedToken),
            PrefillJoulesPerToken = Finite(result.Energy?.PrefillJoulesPerPromptToken),
            DecodeJoulesPerToken = Finite(result.Energy?.DecodeJoulesPerGeneratedToken),
            AverageWatts = Finite(result.Energy?.AverageWatts),
            PeakWatts = Finite(result.Energy?.PeakWatts),
            Throttled = result.Energy?.Throttled is { } throttled ? (throttled ? "true" : "false") : null,
            UsdPerMillionGeneratedTokens = Finite(cost.HardwarePerMillionGeneratedTokens?.Value),
            UsdPerMillionPromptTokens = Finite(cost.HardwarePerMillionPromptTokens?.Value),
            EnergyUsdPerMillionTokens = Finite(cost.Energy?.Electricity.Value),
            Co2GramsPerMillionTokens = Finite(cost.Energy?.GramsCo2PerMillionTokens),
            FidelityReference = result.Fidelity?.Reference,
            MeanKlNats = result.Fidelity?.MeanKlDivergenceNats,
            P99KlNats = result.Fidelity?.P99KlDivergenceNats,
            Top1Agreement = result.Fidelity?.Top1Agreement,
            GreedyLogProbDeltaNats = result.Fidelity?.MeanGreedyLogProbDeltaNats,
        };
    }

    private static double? Finite(double? value) => value is { } number && double.IsFinite(number) ? number : null;
}
