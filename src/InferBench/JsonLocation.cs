using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Pointer;

namespace InferBench;

/// <summary>A place in a JSON document, printed JSONPath-style: <c>$.models[2].variants[0].precision</c>.</summary>
internal sealed partial class JsonLocation
{
    private readonly JsonElement _document;
    private readonly string[] _segments;

    private JsonLocation(JsonElement document, string[] segments)
    {
        _document = document;
        _segments = segments;
    }

    public static JsonLocation Root(JsonElement document) => new(document, []);

    public static JsonLocation FromPointer(JsonElement document, JsonPointer pointer) =>
        new(document, [.. Enumerable.Range(0, pointer.SegmentCount).Select(i => Unescape(pointer[i].ToString()))]);

    public IReadOnlyList<string> Segments => _segments;
    public int Depth => _segments.Length;
    public JsonLocation? Parent => Depth == 0 ? null : new(_document, _segments[..^1]);

    public JsonLocation Child(string property) => new(_document, [.. _segments, property]);
    public JsonLocation Child(int index) => Child(index.ToString(CultureInfo.InvariantCulture));

    public bool TryGetValue(out JsonElement value)
    {
        value = _document;
        foreach (var segment in _segments)
        {
            if (!TryStep(value, segment, out value))
                return false;
        }
        return true;
    }

    public JsonElement Value => TryGetValue(out var value)
        ? value
        : throw new InvalidOperationException($"{this} is not in the document");

    public override string ToString()
    {
        var path = new StringBuilder("$");
        var current = _document;
        foreach (var segment in _segments)
        {
            if (current.ValueKind == JsonValueKind.Array)
                path.Append('[').Append(segment).Append(']');
            else if (IdentifierPattern().IsMatch(segment))
                path.Append('.').Append(segment);
            else
                path.Append("['").Append(segment.Replace("\\", "\\\\").Replace("'", "\\'")).Append("']");
            TryStep(current, segment, out current);
        }
        return path.ToString();
    }

    private static bool TryStep(JsonElement container, string segment, out JsonElement child)
    {
        if (container.ValueKind == JsonValueKind.Object)
            return container.TryGetProperty(segment, out child);
        if (container.ValueKind == JsonValueKind.Array
            && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && index < container.GetArrayLength())
        {
            child = container[index];
            return true;
        }
        child = default;
        return false;
    }

    // RFC 6901: "~1" is "/" and "~0" is "~", undone in that order.
    private static string Unescape(string segment) => segment.Replace("~1", "/").Replace("~0", "~");

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$]*$")]
    private static partial Regex IdentifierPattern();
}
