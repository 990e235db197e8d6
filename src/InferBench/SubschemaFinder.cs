using System.Text.Json;
using Json.Pointer;

namespace InferBench;

/// <summary>Finds the subschema that applies at a location, to word a problem from its keywords.</summary>
/// <remarks>
/// JsonSchema.Net 8.0.5 reports wrong schema locations below "items" and "additionalProperties", so we walk the
/// schema ourselves. This covers what InferBench's schemas use: properties, additionalProperties, items and local
/// "$ref"s.
/// </remarks>
internal static class SubschemaFinder
{
    public static JsonElement? Find(JsonElement schemaRoot, IReadOnlyList<string> instanceSegments)
    {
        JsonElement? schema = Dereference(schemaRoot, schemaRoot);
        foreach (var segment in instanceSegments)
        {
            if (schema is not { ValueKind: JsonValueKind.Object } current)
                return null;
            schema = Step(current, segment) is { } next ? Dereference(schemaRoot, next) : null;
        }
        return schema;
    }

    private static JsonElement? Step(JsonElement schema, string segment)
    {
        if (schema.TryGetProperty("items", out var items) && int.TryParse(segment, out _))
            return items;
        if (schema.TryGetProperty("properties", out var properties) && properties.TryGetProperty(segment, out var property))
            return property;
        return schema.TryGetProperty("additionalProperties", out var additional) ? additional : null;
    }

    private static JsonElement? Dereference(JsonElement schemaRoot, JsonElement schema)
    {
        while (schema.ValueKind == JsonValueKind.Object
            && schema.TryGetProperty("$ref", out var reference)
            && reference.GetString() is { } target && target.StartsWith('#'))
        {
            if (JsonPointer.Parse(target[1..]).Evaluate(schemaRoot) is not { } resolved)
                return null;
            schema = resolved;
        }
        return schema;
    }
}
