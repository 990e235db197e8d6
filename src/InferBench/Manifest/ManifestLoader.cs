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

        using var document = JsonInputFile.Read(fullPath, fileName);
        var problems = ManifestValidator.Validate(document.RootElement);
        if (problems.Count > 0)
            throw new InputException(string.Join(Environment.NewLine, problems.Select(problem => $"{fileName}: {problem}")));

        var manifest = Deserialize(document.RootElement, fileName);
        return WithAbsoluteLocalPaths(manifest, Path.GetDirectoryName(fullPath)!);
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
}
