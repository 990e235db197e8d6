using System.Text.Json;

namespace InferBench.Forecast;

/// <summary><c>forecast --json</c>: the rows, each labelled "forecast", written as profile.json is.</summary>
public static class ForecastJson
{
    public static string Serialize(IReadOnlyList<ForecastRow> rows) => JsonSerializer.Serialize(new { kind = "forecast", rows }, ProfileJson.Options);
}
