using System.Text.Json;
using System.Text.Json.Serialization;
using static InferBench.Results.ReadableNumber;

namespace InferBench.Forecast;

/// <summary>forecast.json (and <c>forecast --json</c>): a <see cref="SavedForecast"/>, written as profile.json is and read back only after it validates against Schemas/forecast.schema.json.</summary>
public static class ForecastJson
{
    public const string FileName = "forecast.json";

    private static readonly EmbeddedSchema Schema = new("forecast.schema.json");

    // Writes a figure that is not finite as a string, so that the schema check below names it rather than the serializer throwing.
    private static readonly JsonSerializerOptions CheckOptions = new(ProfileJson.Options) { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <exception cref="InputException">A figure is not finite or out of the schema's range, so forecast.json could not be read back: inputs at the
    /// edge of their ranges (a profile's fits, peaks or bandwidth, a price) put it there; the message names each figure's JSON path.</exception>
    public static string Serialize(SavedForecast forecast)
    {
        using (var document = JsonSerializer.SerializeToDocument(forecast, CheckOptions))
        {
            var problems = Problems(document.RootElement);
            if (problems.Count > 0)
                throw new InputException("the forecast has figures out of range (from inputs at the edge of theirs: a profile's fits, peaks or bandwidth, or a price):"
                    + Environment.NewLine + string.Join(Environment.NewLine, problems));
        }
        return JsonSerializer.Serialize(forecast, ProfileJson.Options) + "\n";
    }

    /// <summary>The problems of a forecast.json document against the schema, one "$.path: expected ..." a line; empty when it is valid.</summary>
    public static IReadOnlyList<string> Problems(JsonElement document) => ValidatedJsonFile.Problems(Schema, document, BandsOutOfOrder(document));

    /// <exception cref="InputException">The file is missing, not JSON, or not a forecast of a version this build reads; the message names the file and each problem's JSON path.</exception>
    public static SavedForecast Read(string path) =>
        ValidatedJsonFile.Read<SavedForecast>(Path.GetFullPath(path), Path.GetFullPath(path), Schema, ProfileJson.Options, BandsOutOfOrder);

    /// <summary>Every band (an object with numbers low, central and high) whose ends are not low &lt;= central &lt;= high.</summary>
    private static IEnumerable<JsonProblem> BandsOutOfOrder(JsonElement document)
    {
        IEnumerable<JsonProblem> Visit(JsonElement value, JsonLocation location) => value.ValueKind switch
        {
            JsonValueKind.Object when Ends(value) is var (low, central, high) => low <= central && central <= high
                ? []
                : [new JsonProblem(location, $"expected low <= central <= high, got {Of(low)}, {Of(central)}, {Of(high)}")],
            JsonValueKind.Object => value.EnumerateObject().SelectMany(property => Visit(property.Value, location.Child(property.Name))),
            JsonValueKind.Array => value.EnumerateArray().SelectMany((item, index) => Visit(item, location.Child(index))),
            _ => [],
        };
        return Visit(document, JsonLocation.Root(document)).ToList();
    }

    private static (double Low, double Central, double High)? Ends(JsonElement value) =>
        value.TryGetProperty("low", out var low) && value.TryGetProperty("central", out var central) && value.TryGetProperty("high", out var high)
        && low.ValueKind == JsonValueKind.Number && central.ValueKind == JsonValueKind.Number && high.ValueKind == JsonValueKind.Number
            ? (low.GetDouble(), central.GetDouble(), high.GetDouble())
            : null;
}
