using System.Text.Json;
using System.Text.Json.Serialization;
using InferBench.Manifest;

namespace InferBench.Forecast;

/// <summary>profile.json: camelCase, indented, nulls omitted; read back only after it validates against Schemas/profile.schema.json.</summary>
public static class ProfileJson
{
    private static readonly EmbeddedSchema Schema = new("profile.schema.json");

    /// <summary>Shared with <see cref="ForecastJson"/>, so both files are written alike.</summary>
    internal static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NewLine = "\n",
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(EstimatorProfile profile) => JsonSerializer.Serialize(profile, Options) + "\n";

    /// <summary>The problems of a profile.json document against the schema, one "$.path: expected ..." a line; empty when it is valid.</summary>
    public static IReadOnlyList<string> Problems(JsonElement document) =>
        Schema.Validate(document, []).Select(problem => problem.ToString()).ToList();

    /// <exception cref="InputException">The file is missing, not JSON, or not a profile of a version this build reads; the message names the file and each problem's JSON path.</exception>
    public static EstimatorProfile Read(string path)
    {
        var fullPath = Path.GetFullPath(path);
        using var document = JsonInputFile.Read(fullPath, fullPath);
        var problems = Problems(document.RootElement);
        if (problems.Count > 0)
            throw new InputException(string.Join(Environment.NewLine, problems.Select(problem => $"{fullPath}: {problem}")));
        try
        {
            return document.RootElement.Deserialize<EstimatorProfile>(Options)!;
        }
        catch (JsonException exception)
        {
            // What the schema lets through and System.Text.Json will not read: an integer written as 1.0, 1e3 or past 64 bits, a date that is not ISO 8601.
            throw new InputException($"{fullPath}: {exception.Path ?? "$"}: expected a whole number written without a decimal point or exponent (at most 64 bits), " +
                "or for a date an ISO 8601 date-time such as 2026-01-31T12:00:00Z");
        }
    }
}
