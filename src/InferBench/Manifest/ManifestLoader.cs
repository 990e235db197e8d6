using System.Text.Json;

namespace InferBench.Manifest;

/// <summary>Reads models.manifest.json: checks it against the embedded schema, then deserializes it.</summary>
public static class ManifestLoader
{
    private static readonly JsonSerializerOptions SerializerOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Loads and validates a manifest. Relative local source paths come back absolute, resolved against the manifest's folder.</summary>
    /// <exception cref="InputException">
    /// The file is missing or unreadable, is not JSON, or is not a valid manifest. The message names the file and,
    /// one problem a line, where and what is wrong.
    /// </exception>
    public static ModelManifest Load(string manifestPath)
    {
        if (string.IsNullOrWhiteSpace(manifestPath))
            throw new InputException("manifest path is empty");
        var fileName = Path.GetFileName(manifestPath);
        var fullPath = Path.GetFullPath(manifestPath);

        using var document = Parse(ReadText(fullPath, fileName), fileName);
        var problems = ManifestValidator.Validate(document.RootElement);
        if (problems.Count > 0)
            throw new InputException(string.Join(Environment.NewLine, problems.Select(problem => $"{fileName}: {problem}")));

        var manifest = Deserialize(document.RootElement, fileName);
        return WithAbsoluteLocalPaths(manifest, Path.GetDirectoryName(fullPath)!);
    }

    private static string ReadText(string fullPath, string fileName)
    {
        if (!File.Exists(fullPath))
            throw new InputException($"{fileName}: file not found at {fullPath}");
        try
        {
            return File.ReadAllText(fullPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{fileName}: cannot read {fullPath}: {exception.Message}");
        }
    }

    private static JsonDocument Parse(string text, string fileName)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new InputException($"{fileName}: the file is empty");
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException exception)
        {
            // LineNumber and BytePositionInLine are 0-based; editors count from 1.
            var at = exception.LineNumber is { } line && exception.BytePositionInLine is { } column
                ? $" at line {line + 1}, column {column + 1}"
                : "";
            throw new InputException($"{fileName}: invalid JSON{at}: {WithoutPosition(exception.Message)}");
        }
    }

    private static ModelManifest Deserialize(JsonElement manifest, string fileName)
    {
        try
        {
            // Not null: the schema has checked the document is an object.
            return manifest.Deserialize<ModelManifest>(SerializerOptions)!;
        }
        catch (JsonException exception)
        {
            // The schema has checked everything else by now; what remains is an integer written as 1.0 or 1e3,
            // which JSON Schema accepts but System.Text.Json will not read into a long.
            throw new InputException($"{fileName}: {exception.Path ?? "$"}: expected a whole number written without a decimal point or exponent");
        }
    }

    private static ModelManifest WithAbsoluteLocalPaths(ModelManifest manifest, string manifestFolder) => manifest with
    {
        Models = [.. manifest.Models.Select(model => model with
        {
            Variants = [.. model.Variants.Select(variant => variant.Source is LocalModelSource local
                ? variant with { Source = new LocalModelSource(Path.GetFullPath(local.FolderPath, manifestFolder)) }
                : variant)],
        })],
    };

    /// <summary>System.Text.Json ends its messages with " LineNumber: ... | BytePositionInLine: ..."; we say where ourselves.</summary>
    private static string WithoutPosition(string message)
    {
        var cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }
}
