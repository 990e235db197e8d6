using System.Text.Json;
using System.Text.Json.Serialization;

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
    public static IReadOnlyList<string> Problems(JsonElement document) => ValidatedJsonFile.Problems(Schema, document);

    /// <exception cref="InputException">The file is missing, not JSON, or not a profile of a version this build reads; the message names the file and each problem's JSON path.</exception>
    public static EstimatorProfile Read(string path) => ValidatedJsonFile.Read<EstimatorProfile>(Path.GetFullPath(path), Path.GetFullPath(path), Schema, Options);
}
