using System.Text.Json;

namespace InferBench.Manifest;

/// <summary>Everything wrong with a parsed manifest: schema problems, duplicate ids and derived sources that name no usable variant, most specific first.</summary>
internal static class ManifestValidator
{
    private static readonly EmbeddedSchema Schema = new("models.manifest.schema.json");

    public static IReadOnlyList<ManifestProblem> Validate(JsonElement manifest) =>
        Schema.Validate(manifest, DuplicateIdCheck.Find(manifest).Concat(DerivedSourceCheck.Find(manifest)));
}
