using System.Text;
using System.Text.Json;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace InferBench.Campaign;

/// <summary>
/// Writes JSON nodes as block YAML. A string is written plain only when it is a simple word that YAML cannot read as
/// anything else, as a literal block when it is a script of several lines, and otherwise double-quoted with JSON's
/// escapes (which YAML 1.2 reads the same), so no value turns into another type ("true", "1", "0755", "no").
/// </summary>
internal static partial class YamlText
{
    /// <summary>The documents, each after a "---" line.</summary>
    public static string Documents(IEnumerable<JsonObject> documents)
    {
        var text = new StringBuilder();
        foreach (var document in documents)
        {
            text.Append("---\n");
            WriteMapping(document, 0, text);
        }
        return text.ToString();
    }

    private static void WriteMapping(JsonObject mapping, int indent, StringBuilder text)
    {
        foreach (var (key, value) in mapping)
        {
            text.Append(' ', indent).Append(Text(key)).Append(':');
            WriteAfterKey(value, indent, text);
        }
    }

    private static void WriteSequence(JsonArray sequence, int indent, StringBuilder text)
    {
        foreach (var item in sequence)
        {
            text.Append(' ', indent).Append('-');
            switch (item)
            {
                case JsonObject { Count: > 0 } mapping:
                    // The first key goes on the dash's line; the others line up under it.
                    var nested = new StringBuilder();
                    WriteMapping(mapping, indent + 2, nested);
                    text.Append(' ').Append(nested.ToString(indent + 2, nested.Length - indent - 2));
                    break;
                default:
                    WriteAfterKey(item, indent, text);
                    break;
            }
        }
    }

    private static void WriteAfterKey(JsonNode? value, int indent, StringBuilder text)
    {
        switch (value)
        {
            case JsonObject { Count: > 0 } mapping:
                text.Append('\n');
                WriteMapping(mapping, indent + 2, text);
                break;
            case JsonArray { Count: > 0 } sequence:
                text.Append('\n');
                WriteSequence(sequence, indent + 2, text);
                break;
            case JsonObject:
                text.Append(" {}\n");
                break;
            case JsonArray:
                text.Append(" []\n");
                break;
            case JsonValue block when block.GetValueKind() == JsonValueKind.String && IsBlock(block.GetValue<string>()):
                // A literal block keeps a script or a file readable: "|" keeps its one final line break, "|-" adds none.
                var lines = block.GetValue<string>();
                var final = lines.EndsWith('\n');
                text.Append(final ? " |\n" : " |-\n");
                foreach (var line in (final ? lines[..^1] : lines).Split('\n'))
                    (line.Length == 0 ? text : text.Append(' ', indent + 2).Append(line)).Append('\n');
                break;
            default:
                text.Append(' ').Append(value is null ? "null"
                    : value.GetValueKind() == JsonValueKind.String ? Text(value.GetValue<string>()) : value.ToJsonString()).Append('\n');
                break;
        }
    }

    private static string Text(string value) => PlainWord().IsMatch(value) && !Reserved.Contains(value)
        ? value
        : JsonSerializer.Serialize(value, Quoted);

    /// <summary>
    /// Several lines of printable text whose first line sets the block's indentation (starts with no space) and that
    /// ends in at most one line break: a literal block gives it back exactly.
    /// </summary>
    private static bool IsBlock(string value) =>
        value.TrimEnd('\n').Contains('\n')
        && value[0] != ' ' && value[0] != '\n'
        && !value.EndsWith("\n\n", StringComparison.Ordinal)
        && value.All(c => c == '\n' || !char.IsControl(c));

    /// <summary>Words YAML 1.1 readers (still common) take for booleans or null.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase) { "true", "false", "yes", "no", "on", "off", "y", "n", "null" };

    /// <summary>Escapes only what JSON must, so quoted text stays readable (YAML reads the characters as they are).</summary>
    private static readonly JsonSerializerOptions Quoted = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [GeneratedRegex("^[A-Za-z_/][A-Za-z0-9._/-]*$")]
    private static partial Regex PlainWord();
}
