using System.Text.Json;
using InferBench.Manifest;

namespace InferBench.Forecast;

/// <summary>Reads a JSON file of ours (profile.json, forecast.json) only after it validates against its schema.</summary>
internal static class ValidatedJsonFile
{
    /// <summary>The problems of a document against <paramref name="schema"/>, one "$.path: expected ..." a line; empty when it is valid.</summary>
    /// <param name="otherProblems">Checks JSON Schema cannot express, reported where the schema finds nothing wrong.</param>
    public static IReadOnlyList<string> Problems(EmbeddedSchema schema, JsonElement document, IEnumerable<ManifestProblem>? otherProblems = null) =>
        schema.Validate(document, otherProblems ?? []).Select(problem => problem.ToString()).ToList();

    /// <exception cref="InputException">The file is missing, not JSON, or does not validate; the message names the file and each problem's JSON path.</exception>
    public static T Read<T>(string path, EmbeddedSchema schema, JsonSerializerOptions options, Func<JsonElement, IEnumerable<ManifestProblem>>? otherProblems = null)
    {
        var fullPath = Path.GetFullPath(path);
        using var document = JsonInputFile.Read(fullPath, fullPath);
        var problems = Problems(schema, document.RootElement, otherProblems?.Invoke(document.RootElement));
        if (problems.Count > 0)
            throw new InputException(string.Join(Environment.NewLine, problems.Select(problem => $"{fullPath}: {problem}")));
        try
        {
            return document.RootElement.Deserialize<T>(options)!;
        }
        catch (JsonException exception)
        {
            // What a schema lets through and System.Text.Json will not read: an integer written as 1.0, 1e3 or past 64 bits, a date that is not ISO 8601.
            throw new InputException($"{fullPath}: {exception.Path ?? "$"}: expected a whole number written without a decimal point or exponent (at most 64 bits), " +
                "or for a date an ISO 8601 date-time such as 2026-01-31T12:00:00Z");
        }
    }
}
