using System.Text.Json.Serialization;

namespace InferBench.Forecast;

/// <summary>
/// forecast.json: what one <c>inferbench forecast</c> predicted, kept beside the run it was calibrated on so the run's
/// reports can show it in a section of its own, apart from what was measured.
/// </summary>
/// <param name="CalibrationRunId">The run whose profile calibrated the forecast; null when none did (published or default efficiencies only).</param>
/// <param name="CalibrationHost">That profile's host, in words; null with <paramref name="CalibrationRunId"/>.</param>
public sealed record SavedForecast(
    int SchemaVersion,
    DateTimeOffset CreatedUtc,
    string? CalibrationRunId,
    string? CalibrationHost,
    IReadOnlyList<ForecastRow> Rows)
{
    public const int CurrentSchemaVersion = 1;

    [JsonPropertyOrder(-1)]
    public string Kind => ForecastRow.ForecastLabel;

    public static SavedForecast Of(IReadOnlyList<ForecastRow> rows, EstimatorProfile? profile, DateTimeOffset createdUtc) =>
        new(CurrentSchemaVersion, createdUtc, profile?.RunId, profile?.Host.Hardware, rows);
}
