using System.Text.Json;

namespace InferBench.Manifest;

/// <summary>Reads a string field of the manifest's JSON for the checks after the schema, where any field may be missing or mistyped.</summary>
internal static class ManifestJson
{
    public static string? StringAt(JsonLocation location) =>
        location.TryGetValue(out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static string? StringAt(JsonElement owner, string property) =>
        owner.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
