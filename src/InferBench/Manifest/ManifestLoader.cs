using System.Text.Json;

namespace InferBench.Manifest;

/// <summary>Reads models.manifest.json: checks it against the embedded schema, then deserializes it.</summary>
public static class ManifestLoader
{
    private static readonly EmbeddedSchema Schema = new("models.manifest.schema.json");
    private static readonly JsonSerializerOptions SerializerOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Loads and validates a manifest. Relative local source paths come back absolute, resolved against the manifest's folder.</summary>
    /// <exception cref="InputException">
    /// The file is missing or unreadable, is not JSON, or is not a valid manifest (the schema, unique ids, derived
    /// sources that name a usable variant, checkpoint sources of fp32 or fp16 with their files). The message names the file and, one problem a line, where and what is wrong.
    /// </exception>
    public static ModelManifest Load(string manifestPath)
    {
        if (string.IsNullOrWhiteSpace(manifestPath))
            throw new InputException("manifest path is empty");
        var fileName = Path.GetFileName(manifestPath);
        var fullPath = Path.GetFullPath(manifestPath);

        var manifest = ValidatedJsonFile.Read<ModelManifest>(fullPath, fileName, Schema, SerializerOptions,
            document => DuplicateIdCheck.Find(document).Concat(DerivedSourceCheck.Find(document)).Concat(CheckpointSourceCheck.Find(document))
                .Concat(FilePathCheck.Find(document)));
        return WithAbsoluteLocalPaths(manifest, Path.GetDirectoryName(fullPath)!);
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
