using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace InferBench;

/// <summary>
/// Says in plain words why System.Text.Json could not read a value into the format, whose own messages name .NET
/// types ("could not be converted to InferBench.Statistics.SampleStatistics"): what the format expects at the JSON
/// path, and what the file has there.
/// </summary>
internal static partial class JsonBindingProblem
{
    /// <summary>How <see cref="Expected"/> words an integer of any size.</summary>
    public const string WholeNumber = "a whole number";

    /// <param name="root">The document that failed to bind.</param>
    /// <param name="rootType">The type the whole document was read into.</param>
    public static string Describe(JsonException exception, JsonElement root, JsonSerializerOptions options, Type rootType)
    {
        if (MissingRequired().Match(exception.Message) is { Success: true } missing)
            return $"missing required fields: {missing.Groups[1].Value}";
        var expected = Expected(exception, options, rootType);
        var found = FoundAt(root, Segments(exception.Path ?? "$"));
        return (expected, found) switch
        {
            // The only number a double cannot take: one past its range, such as 1e400.
            ("a number", { } number) when number.StartsWith("the number ", StringComparison.Ordinal) =>
                $"expected a number within a double's range (at most ±1.8e308), got {number}",
            (null, null) => "the value here does not match the format",
            (null, { }) => $"the value here does not match the format, got {found}",
            ({ }, null) => $"expected {expected}",
            _ => $"expected {expected}, got {found}",
        };
    }

    /// <summary>What the format expects, in words, at the JSON path where <paramref name="exception"/> stopped; null when that is not known.</summary>
    public static string? Expected(JsonException exception, JsonSerializerOptions options, Type rootType) =>
        ExpectedAt(options.GetTypeInfo(rootType), Segments(exception.Path ?? "$"), options);

    /// <summary>Property names, or null for an array index, from a path like <c>$.points[0]['odd name']</c>.</summary>
    private static (string? Name, int Index)[] Segments(string path) =>
        [.. PathSegment().Matches(path).Select(match => match.Groups["index"].Success
            ? ((string?)null, int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture))
            : (match.Groups["name"].Value.Replace("''", "'", StringComparison.Ordinal), 0))];

    private static string? ExpectedAt(JsonTypeInfo info, (string? Name, int Index)[] segments, JsonSerializerOptions options)
    {
        foreach (var (name, _) in segments)
        {
            var next = info.Kind switch
            {
                JsonTypeInfoKind.Object => info.Properties.FirstOrDefault(property => property.Name == name)?.PropertyType,
                JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary => info.ElementType,
                _ => null,
            };
            if (next is null)
                return null;
            info = options.GetTypeInfo(next);
        }
        return Words(info);
    }

    private static string? Words(JsonTypeInfo info)
    {
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        if (type.IsEnum)
            return "one of " + string.Join(", ", Enum.GetNames(type).Select(name =>
                $"\"{type.GetField(name)?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? name}\""));
        return Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => "true or false",
            TypeCode.String or TypeCode.Char => "a string",
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64 => WholeNumber,
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "a number",
            TypeCode.DateTime => "a date and time as a string (ISO 8601, like 2026-01-31T12:00:00Z)",
            _ when type == typeof(DateTimeOffset) => "a date and time as a string (ISO 8601, like 2026-01-31T12:00:00Z)",
            _ when type == typeof(TimeSpan) => "a duration as a string (like 00:01:30)",
            _ => info.Kind switch
            {
                JsonTypeInfoKind.Enumerable => "an array",
                JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "an object",
                _ => null,
            },
        };
    }

    private static string? FoundAt(JsonElement element, (string? Name, int Index)[] segments)
    {
        foreach (var (name, index) in segments)
        {
            if (name is not null && element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var property))
                element = property;
            else if (name is null && element.ValueKind == JsonValueKind.Array && index < element.GetArrayLength())
                element = element[index];
            else
                return null;
        }
        return element.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => $"the string {Shortened(element.GetRawText())}",
            JsonValueKind.Number => $"the number {Shortened(element.GetRawText())}",
            JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
            _ => "null",
        };
    }

    private static string Shortened(string text) => text.Length <= 40 ? text : text[..37] + "...";

    [GeneratedRegex(@"missing required properties including: (.+?)\.?$")]
    private static partial Regex MissingRequired();

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<name>(?:[^']|'')*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex PathSegment();
}
