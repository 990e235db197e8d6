namespace InferBench.Forecast;

/// <summary>
/// One forecast: a variant on a target at a plan point. Every figure is a band and the row is labelled
/// <see cref="Label"/>: it is never a measurement and never sits among measured rows.
/// </summary>
/// <param name="JoulesPerToken">Decode energy per generated token; null with <see cref="EnergyNote"/> saying why.</param>
/// <param name="UsdPerMillionTokens">Hardware $ per 1M generated tokens at full utilisation; null with <see cref="PriceNote"/> saying why.</param>
public sealed record ForecastRow(
    string Model,
    string Variant,
    string Precision,
    string Target,
    int BatchSize,
    int PromptTokens,
    int GenTokens,
    Band DecodeTokensPerSecond,
    Band PrefillTokensPerSecond,
    Band TimeToFirstTokenMilliseconds,
    Band? JoulesPerToken,
    string EnergyNote,
    Band? UsdPerMillionTokens,
    string PriceNote,
    string BoundBy,
    Efficiencies Efficiencies)
{
    public const string ForecastLabel = "forecast";

    public string Label => ForecastLabel;
}
