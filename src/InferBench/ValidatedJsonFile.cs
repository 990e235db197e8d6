using System.Text.Json;

namespace InferBench;

/// <summary>
/// A JSON input file of ours (models.manifest.json, a campaign file, a pricing catalog, profile.json, forecast.json),
/// read only after it validates against its schema. Every problem, the schema's and those of checks it cannot express,
/// is reported alike: one a line, "file: $.json.path: what was expected".
/// </summary>
internal sealed class ValidatedJsonFile : IDisposable
{
    private readonly JsonDocument _document;

    private ValidatedJsonFile(JsonDocument document, string fileName)
    {
        _document = document;
        FileName = fileName;
    }

    /// <summary>How messages name the file.</summary>
    public string FileName { get; }

    /// <summary>The document's root, where the locations of checks made after <see cref="Bind{T}"/> start.</summary>
    public JsonLocation Root => JsonLocation.Root(_document.RootElement);

    /// <summary>The problems of a document against <paramref name="schema"/>, one "$.path: expected ..." a line; empty when it is valid.</summary>
    /// <param name="otherProblems">Checks JSON Schema cannot express, reported where the schema finds nothing wrong.</param>
    public static IReadOnlyList<string> Problems(EmbeddedSchema schema, JsonElement document, IEnumerable<JsonProblem>? otherProblems = null) =>
        schema.Validate(document, otherProblems ?? []).Select(problem => problem.ToString()).ToList();

    /// <summary>Reads, validates and binds the file in one step.</summary>
    /// <exception cref="InputException">The file is missing, unreadable, not JSON, or does not validate; the message names the file and each problem's JSON path.</exception>
    public static T Read<T>(string fullPath, string fileName, EmbeddedSchema schema, JsonSerializerOptions options,
        Func<JsonElement, IEnumerable<JsonProblem>>? otherProblems = null)
    {
        using var file = Open(fullPath, fileName, schema, otherProblems);
        return file.Bind<T>(options);
    }

    /// <param name="fileName">How messages name the file.</param>
    /// <param name="otherProblems">Checks JSON Schema cannot express, reported where the schema finds nothing wrong.</param>
    /// <exception cref="InputException">The file is missing, unreadable, not JSON, or does not validate.</exception>
    public static ValidatedJsonFile Open(string fullPath, string fileName, EmbeddedSchema schema, Func<JsonElement, IEnumerable<JsonProblem>>? otherProblems = null) =>
        Parse(InputFile.ReadAllText(fullPath, fileName), fileName, schema, otherProblems);

    /// <summary>As <see cref="Open"/>, from text already read (an embedded file).</summary>
    public static ValidatedJsonFile Parse(string text, string fileName, EmbeddedSchema schema, Func<JsonElement, IEnumerable<JsonProblem>>? otherProblems = null)
    {
        var file = new ValidatedJsonFile(JsonInputFile.Parse(text, fileName), fileName);
        try
        {
            var root = file._document.RootElement;
            file.ThrowIfAny(schema.Validate(root, otherProblems?.Invoke(root) ?? []));
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <exception cref="InputException">A value the schema lets through and System.Text.Json will not read.</exception>
    public T Bind<T>(JsonSerializerOptions options)
    {
        try
        {
            // Not null: every schema of ours requires an object at the root.
            return _document.RootElement.Deserialize<T>(options)!;
        }
        catch (JsonException exception)
        {
            // What a schema lets through and System.Text.Json will not read: an integer written as 1.0, 1e3 or past 64 bits, a date that is not ISO 8601.
            var expected = JsonBindingProblem.Expected(exception, options, typeof(T)) is { } words and not JsonBindingProblem.WholeNumber
                ? words
                : "a whole number written without a decimal point or exponent (at most 64 bits)";
            throw new InputException($"{FileName}: {exception.Path ?? "$"}: expected {expected}");
        }
    }

    /// <summary>Reports the problems of checks made after <see cref="Bind{T}"/> as the schema's are reported.</summary>
    /// <exception cref="InputException">There is at least one problem.</exception>
    public void ThrowIfAny(IReadOnlyCollection<JsonProblem> problems) => ThrowIfAny(FileName, problems);

    /// <summary>Reports problems found in a document of <paramref name="fileName"/> read some other way, one a line, as the schema's are.</summary>
    /// <exception cref="InputException">There is at least one problem.</exception>
    public static void ThrowIfAny(string fileName, IReadOnlyCollection<JsonProblem> problems)
    {
        if (problems.Count > 0)
            throw new InputException(string.Join(Environment.NewLine, problems.Select(problem => $"{fileName}: {problem}")));
    }

    public void Dispose() => _document.Dispose();
}
