using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using InferBench.Cost.Runs;
using InferBench.Results;

namespace InferBench.Reports;

/// <summary>
/// run.json, the serialized <see cref="RunResult"/>: camelCase, indented, enums as their documented strings, nulls
/// omitted, NaN written as null. Documented by Schemas/run.schema.json.
/// </summary>
public static class RunJson
{
    public const string FileName = "run.json";

    private static readonly EmbeddedSchema Schema = new("run.schema.json");

    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(RunResult run) => JsonSerializer.Serialize(run, Options);

    /// <exception cref="InputException">
    /// The text is not JSON, does not match the format, has a cost assumption out of its range (<see cref="RunCostSetup.Check"/>), or has a schemaVersion this build does not read (it reads
    /// every version from <see cref="RunResult.OldestReadableSchemaVersion"/> on, keeping the version it found).
    /// The message names <paramref name="fileNameForErrors"/> and, when known, the line, column and JSON path.
    /// </exception>
    public static RunResult Deserialize(string json, string fileNameForErrors)
    {
        using var document = Parse(json, fileNameForErrors);
        // The version goes first: a file from another version may fail to bind for reasons the version explains.
        RequireSupportedSchemaVersion(document.RootElement, fileNameForErrors);
        try
        {
            var run = JsonSerializer.Deserialize<RunResult>(json, Options)
                ?? throw new InputException($"{fileNameForErrors}: expected a run object, found null.");
            // After binding, whose messages give line and column; the schema then finds values out of range.
            RequireValid(document.RootElement, run, fileNameForErrors);
            if (run.Cost is { } cost)
                RunCostSetup.Check(cost, fileNameForErrors);
            return EarlierSchemaVersions.Upgrade(run);
        }
        catch (JsonException e)
        {
            throw new InputException(Describe(e, fileNameForErrors, JsonBindingProblem.Describe(e, document.RootElement, Options, typeof(RunResult))));
        }
    }

    private static JsonDocument Parse(string json, string fileName)
    {
        try
        {
            return JsonDocument.Parse(json, JsonInputFile.Options);
        }
        catch (JsonException e)
        {
            throw new InputException(Describe(e, fileName, WithoutLocationSuffix(e.Message)));
        }
    }

    private static void RequireSupportedSchemaVersion(JsonElement root, string fileName)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InputException($"{fileName}: expected a JSON object at the top level, found {root.ValueKind}.");
        }
        if (!root.TryGetProperty("schemaVersion", out var version))
        {
            throw new InputException($"{fileName}: has no schemaVersion; this InferBench reads {ReadableVersions}.");
        }
        if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var found)
            || found < RunResult.OldestReadableSchemaVersion || found > RunResult.CurrentSchemaVersion)
        {
            throw new InputException($"{fileName}: schemaVersion {version.GetRawText()} is not supported; this InferBench reads {ReadableVersions}.");
        }
    }

    /// <summary>
    /// The file's values against run.schema.json (a batch of -5 is refused, not rendered) and <see cref="RunJsonRules"/> (an ok
    /// point without metrics). Fields the schema does not know are allowed: readers ignore them, so a file from a newer
    /// InferBench of the same schemaVersion still reads.
    /// </summary>
    private static void RequireValid(JsonElement root, RunResult run, string fileName) =>
        ValidatedJsonFile.ThrowIfAny(fileName,
            Schema.Validate(root, RunJsonRules.Problems(JsonLocation.Root(root), run)).Where(problem => !problem.IsUnknownField).ToArray());

    private static string ReadableVersions =>
        $"schemaVersion {RunResult.OldestReadableSchemaVersion} to {RunResult.CurrentSchemaVersion}";

    private static string Describe(JsonException e, string fileName, string problem)
    {
        var line = e.LineNumber is { } zeroBasedLine ? $", line {zeroBasedLine + 1}, column {e.BytePositionInLine + 1}" : "";
        var path = string.IsNullOrEmpty(e.Path) ? "" : $", path {e.Path}";
        return $"{fileName}{line}{path}: {problem}";
    }

    // System.Text.Json appends " Path: ... | LineNumber: ... | BytePositionInLine: ..." (zero-based); we report it 1-based.
    private static string WithoutLocationSuffix(string message)
    {
        foreach (var marker in (string[])[" Path: ", " LineNumber: "])
        {
            var index = message.IndexOf(marker, StringComparison.Ordinal);
            if (index >= 0)
            {
                return message[..index];
            }
        }
        return message;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = true,
            NewLine = "\n",
            // run.json is a data file, never embedded in HTML: keep quotes and non-ASCII text readable (no \u0027).
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            RespectNullableAnnotations = true,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { RequireNonNullableConstructorParameters } },
            Converters = { new NonFiniteAsNullDoubleConverter() },
        };
        options.MakeReadOnly();
        return options;
    }

    // Nulls are omitted on write, so only constructor parameters that cannot be null may be demanded on read;
    // without this a missing "seed" would silently read as 0.
    private static void RequireNonNullableConstructorParameters(JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties)
        {
            if (property.AssociatedParameter is { HasDefaultValue: false, IsNullable: false })
            {
                property.IsRequired = true;
            }
        }
    }
}
