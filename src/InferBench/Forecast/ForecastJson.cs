using System.Text.Json;
using InferBench.Manifest;

namespace InferBench.Forecast;

/// <summary>forecast.json (and <c>forecast --json</c>): a <see cref="SavedForecast"/>, written as profile.json is and read back only after it validates against Schemas/forecast.schema.json.</summary>
public static class ForecastJson
{
    public const string FileName = "forecast.json";

    private static readonly EmbeddedSchema Schema = new("forecast.schema.json");

    public static string Serialize(SavedForecast forecast) => JsonSerializer.Serialize(forecast, ProfileJson.Options) + "\n";

    /// <summary>The problems of a forecast.json document against the schema, one "$.path: expected ..." a line; empty when it is valid.</summary>
    public static IReadOnlyList<string> Problems(JsonElement document) => ValidatedJsonFile.Problems(Schema, document);

    /// <exception cref="InputException">The file is missing, not JSON, or not a forecast of a version this build reads; the message names the file and each problem's JSON path.</exception>
    public static SavedForecast Read(string path) => ValidatedJsonFile.Read<SavedForecast>(path, Schema, ProfileJson.Options);
}
