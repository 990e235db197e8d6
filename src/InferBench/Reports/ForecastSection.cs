using InferBench.Forecast;
using InferBench.Reports.Columns;
using InferBench.Results;

namespace InferBench.Reports;

/// <summary>
/// The reports' forecast section (and <c>forecast</c>'s own table): the rows of a forecast.json, apart from every measured
/// row, each figure a central value with its band, and where each row's efficiencies, power and price came from.
/// </summary>
public static class ForecastSection
{
    public const string Heading = "Forecasts (not measured)";

    /// <summary>What the section is, in a sentence: when it was forecast and what calibrated it.</summary>
    public static string Introduction(SavedForecast forecast) =>
        $"Made by inferbench forecast on {forecast.CreatedUtc.UtcDateTime:yyyy-MM-dd HH:mm} UTC" +
        (forecast.CalibrationRunId is { } runId ? $", calibrated on run {runId} ({forecast.CalibrationHost})" : ", from published measurements or the stated default efficiencies") +
        ". A roofline forecast (docs/forecast.md), never a measurement: each figure is central [low-high], and none of it is in the measured rows, results.csv or run.json.";

    public static IReadOnlyList<Column<ForecastRow>> Columns { get; } =
    [
        new("target", "Target", "text", false, "A catalog GPU id, or host: the calibration run's machine", row => Cell.Of(row.Target)),
        new("variant", "Variant", "text", false, "Model and variant", row => Cell.Of($"{row.Model}/{row.Variant}")),
        new("precision", "Precision", "text", false, "Weight precision", row => Cell.Of(row.Precision)),
        new("batch", "Batch", "sequences", true, "Batch size", row => Cell.Of(row.BatchSize)),
        new("workload", "Prompt / gen", "tokens", true, "Prompt and generated tokens per sequence",
            row => Cell.Composed($"{ReadableNumber.Integer(row.PromptTokens)} / {ReadableNumber.Integer(row.GenTokens)}")),
        new("decode_tok_s", "Decode tok/s", "tokens/s", true, "Forecast decode tokens/s of the batch", row => Figure(row.DecodeTokensPerSecond)),
        new("prefill_tok_s", "Prefill tok/s", "tokens/s", true, "Forecast prefill tokens/s", row => Figure(row.PrefillTokensPerSecond)),
        new("ttft_ms", "TTFT ms", "ms", true, "Forecast time to first token", row => Figure(row.TimeToFirstTokenMilliseconds)),
        new("j_per_token", "J/token", "J/token", true, "Forecast decode energy per generated token", row => Figure(row.JoulesPerToken)),
        new("usd_per_1m", "$/1M gen tokens", "USD per 1M generated tokens", true, "Hardware $ per 1M generated tokens at full utilisation",
            row => Figure(row.UsdPerMillionTokens)),
        new("bound", "Bound by", "text", false, "Which roofline term sets the decode step", row => Cell.Of(row.BoundBy)),
        new("efficiencies", "Efficiencies from", "text", false, "calibration, published or default", row => Cell.Of(row.Efficiencies.Source)),
    ];

    /// <summary>Where each target's and precision's efficiencies, power and price came from, each said once.</summary>
    public static IReadOnlyList<string> Notes(IReadOnlyList<ForecastRow> rows) =>
    [
        .. rows.Select(row => $"{row.Target}, {row.Precision}: efficiencies {row.Efficiencies.Source}: {row.Efficiencies.Detail}").Distinct(),
        .. rows.Select(row => $"{row.Target}: energy {row.EnergyNote}; price {row.PriceNote}").Distinct(),
    ];

    private static Cell Figure(Band? band) => band is { } value
        ? Cell.Composed($"{ReadableNumber.Of(value.Central)} [{ReadableNumber.Of(value.Low)}-{ReadableNumber.Of(value.High)}]")
        : Cell.Composed("unavailable");
}
