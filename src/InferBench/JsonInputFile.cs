using System.Text.Json;

namespace InferBench;

/// <summary>Reads a JSON file the user gave us; every failure is an <see cref="InputException"/> naming the file.</summary>
internal static class JsonInputFile
{
    /// <param name="fileName">How messages name the file.</param>
    public static JsonDocument Read(string fullPath, string fileName) => Parse(InputFile.ReadAllText(fullPath, fileName), fileName);

    public static JsonDocument Parse(string text, string fileName)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new InputException($"{fileName}: the file is empty");
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException exception)
        {
            // LineNumber and BytePositionInLine are 0-based; editors count from 1.
            var at = exception.LineNumber is { } line && exception.BytePositionInLine is { } column
                ? $" at line {line + 1}, column {column + 1}"
                : "";
            throw new InputException($"{fileName}: invalid JSON{at}: {WithoutPosition(exception.Message)}");
        }
    }

    /// <summary>System.Text.Json ends its messages with " LineNumber: ... | BytePositionInLine: ..."; we say where ourselves.</summary>
    private static string WithoutPosition(string message)
    {
        var cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }
}
