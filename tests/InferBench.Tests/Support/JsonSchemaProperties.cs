using System.Text.Json;

namespace InferBench.Tests.Support;

/// <summary>The property names a JSON document writes, and those a JSON schema documents (with the ones that have no description).</summary>
internal static class JsonSchemaProperties
{
    public static void Written(JsonElement element, ISet<string> names)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                names.Add(property.Name);
                Written(property.Value, names);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Written(item, names);
            }
        }
    }

    public static void Documented(JsonElement schema, ISet<string> names, List<string> undocumented)
    {
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                names.Add(property.Name);
                if (!property.Value.TryGetProperty("description", out _) && !property.Value.TryGetProperty("$ref", out _))
                {
                    undocumented.Add(property.Name);
                }
                Documented(property.Value, names, undocumented);
            }
        }
        if (schema.TryGetProperty("$defs", out var definitions))
        {
            foreach (var definition in definitions.EnumerateObject())
            {
                if (!definition.Value.TryGetProperty("description", out _))
                {
                    undocumented.Add("$defs/" + definition.Name);
                }
                Documented(definition.Value, names, undocumented);
            }
        }
    }
}
