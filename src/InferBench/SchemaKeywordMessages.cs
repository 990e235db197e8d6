using System.Text.Json;

namespace InferBench;

/// <summary>Plain-English wording for a failed schema keyword, from the keyword's value in the schema and the value found.</summary>
internal static class SchemaKeywordMessages
{
    /// <param name="keyword">The failed keyword, for example "enum".</param>
    /// <param name="schema">The subschema holding the keyword; null when it could not be found.</param>
    /// <param name="value">The value the keyword was checked against.</param>
    /// <param name="libraryMessage">JsonSchema.Net's own message, used for keywords this class does not word.</param>
    public static string For(string keyword, JsonElement? schema, JsonElement value, string libraryMessage)
    {
        if (schema is not { ValueKind: JsonValueKind.Object } subschema || !subschema.TryGetProperty(keyword, out var limit))
            return libraryMessage;
        return keyword switch
        {
            "type" => $"expected {TypeNames(limit)}, got {Show(value)}",
            "enum" => $"expected one of {string.Join(", ", limit.EnumerateArray().Select(Plain))}, got {Show(value)}",
            "const" => $"expected {limit.GetRawText()}, got {Show(value)}",
            "pattern" => $"expected a string matching {limit.GetString()}, got {Show(value)}",
            "minLength" when limit.GetInt32() == 1 => $"expected a non-empty string, got {Show(value)}",
            "minLength" => $"expected at least {limit.GetInt32()} characters, got {Show(value)}",
            "minItems" => $"expected at least {Count(limit.GetInt32(), "item")}, got {value.GetArrayLength()}",
            "uniqueItems" => $"expected no repeated items, got {string.Join(", ", Repeated(value))} more than once",
            "minimum" => $"expected {limit.GetRawText()} or more, got {Show(value)}",
            "exclusiveMinimum" => $"expected more than {limit.GetRawText()}, got {Show(value)}",
            "maximum" => $"expected {limit.GetRawText()} or less, got {Show(value)}",
            _ => libraryMessage,
        };
    }

    /// <summary>One message per field that "required" lists and the object lacks.</summary>
    public static IEnumerable<string> MissingRequired(JsonElement? schema, JsonElement value)
    {
        if (schema is not { ValueKind: JsonValueKind.Object } subschema || !subschema.TryGetProperty("required", out var required))
            return [];
        return required.EnumerateArray()
            .Select(field => field.GetString()!)
            .Where(field => !value.TryGetProperty(field, out _))
            .Select(field => $"missing required field \"{field}\"");
    }

    public static string UnknownField(string field, JsonElement? ownerSchema)
    {
        var allowed = ownerSchema is { ValueKind: JsonValueKind.Object } schema && schema.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().Select(property => property.Name).ToList()
            : [];
        return allowed.Count == 0
            ? $"unknown field \"{field}\""
            : $"unknown field \"{field}\" (allowed: {string.Join(", ", allowed)})";
    }

    /// <summary>
    /// Words a failed "oneOf". When every branch just requires one field (the manifest's source), the message names
    /// those fields; the branches' own errors would only repeat that less clearly.
    /// </summary>
    public static string OneOf(JsonElement? schema, JsonElement value)
    {
        var branches = schema is { ValueKind: JsonValueKind.Object } subschema && subschema.TryGetProperty("oneOf", out var oneOf)
            ? oneOf.EnumerateArray().ToList()
            : [];
        var fields = branches.Select(SoleRequiredField).ToList();
        if (fields.Count == 0 || fields.Any(field => field is null))
            return "expected a value matching exactly one of the shapes the schema allows";

        var choices = JoinWithOr(fields.Select(field => $"\"{field}\"").ToList());
        var present = fields.Count(field => value.ValueKind == JsonValueKind.Object && value.TryGetProperty(field!, out _));
        return present <= 1
            ? $"expected either {choices}"
            : $"expected either {choices}, not {(fields.Count == 2 ? "both" : "more than one")}";
    }

    private static string? SoleRequiredField(JsonElement branch) =>
        branch.ValueKind == JsonValueKind.Object
        && branch.EnumerateObject().Count() == 1
        && branch.TryGetProperty("required", out var required)
        && required.GetArrayLength() == 1
            ? required[0].GetString()
            : null;

    private static string TypeNames(JsonElement type) =>
        type.ValueKind == JsonValueKind.Array
            ? JoinWithOr(type.EnumerateArray().Select(name => TypeName(name.GetString()!)).ToList())
            : TypeName(type.GetString()!);

    private static string TypeName(string type) => type switch
    {
        "integer" or "object" or "array" => $"an {type}",
        "null" => "null",
        _ => $"a {type}",
    };

    /// <summary>A value as the user wrote it; objects and arrays by kind, since they can be long.</summary>
    private static string Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => value.GetRawText(),
    };

    /// <summary>An allowed value in a list of choices: strings without quotes, to read as words.</summary>
    private static string Plain(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private static IEnumerable<string> Repeated(JsonElement array)
    {
        var seen = new List<JsonElement>();
        var repeated = new List<JsonElement>();
        foreach (var item in array.EnumerateArray())
        {
            if (!seen.Any(earlier => JsonElement.DeepEquals(earlier, item)))
                seen.Add(item);
            else if (!repeated.Any(earlier => JsonElement.DeepEquals(earlier, item)))
                repeated.Add(item);
        }
        return repeated.Select(Show);
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static string JoinWithOr(IReadOnlyList<string> items) =>
        items.Count == 1 ? items[0] : $"{string.Join(", ", items.Take(items.Count - 1))} or {items[^1]}";
}
