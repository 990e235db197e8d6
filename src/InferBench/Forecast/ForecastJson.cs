using System.Text.Json;
using System.Text.Json.Serialization;

namespace InferBench.Forecast;

/// <summary><c>forecast --json</c>: the rows, each labelled "forecast", camelCase.</summary>
public static class ForecastJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NewLine = "\n",
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(IReadOnlyList<ForecastRow> rows) => JsonSerializer.Serialize(new { kind = "forecast", rows }, Options);
}
