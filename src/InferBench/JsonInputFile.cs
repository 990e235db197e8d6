using System.Text.Json;

namespace InferBench;

/// <summary>Reads a JSON file the user gave us; every failure is an <see cref="InputException"/> naming the file.</summary>
internal static class JsonInputFile
{
    /// <summary>A key given twice would let its last value slip past every check of the first: refused as invalid JSON.</summary>
    public static JsonDocumentOptions Options { get; } = new() { AllowDuplicateProperties = false };

    /// <param name="fileName">How messages name the file.</param>
    public static JsonDocument Read(string fullPath, string fileName) => Parse(InputFile.ReadAllText(fullPath, fileName), fileName);

    public static JsonDocument Parse(string text, string fileName)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new InputException($"{fileName}: the file is empty");
        try
        {
            return JsonDocument.Parse(text, Options);
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
