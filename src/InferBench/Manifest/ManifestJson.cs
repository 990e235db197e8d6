using System.Text.Json;

namespace InferBench.Manifest;

/// <summary>Reads the manifest's JSON for the checks after the schema, where any field may be missing or mistyped.</summary>
internal static class ManifestJson
{
    /// <summary>Each model's "variants" array, with the model's index; models or variants that are not arrays are passed over (the schema faults them).</summary>
    public static IEnumerable<(int ModelIndex, JsonLocation Variants, JsonElement VariantList)> VariantLists(JsonElement manifest)
    {
        var models = JsonLocation.Root(manifest).Child("models");
        if (!models.TryGetValue(out var modelList) || modelList.ValueKind != JsonValueKind.Array)
            yield break;
        for (var m = 0; m < modelList.GetArrayLength(); m++)
        {
            var variants = models.Child(m).Child("variants");
            if (variants.TryGetValue(out var variantList) && variantList.ValueKind == JsonValueKind.Array)
                yield return (m, variants, variantList);
        }
    }

    public static string? StringAt(JsonLocation location) =>
        location.TryGetValue(out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static string? StringAt(JsonElement owner, string property) =>
        owner.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
