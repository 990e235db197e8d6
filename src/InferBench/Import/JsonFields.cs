using System.Globalization;
using System.Text.Json;

namespace InferBench.Import;

/// <summary>Typed reads of a checkpoint JSON file's top-level fields, each failure an <see cref="InputException"/> naming the file and the field.</summary>
internal sealed class JsonFields
{
    private readonly string _path;
    private readonly JsonElement _root;
    private readonly string _fieldPrefix;

    /// <summary>A key given twice is refused rather than one of its values silently winning.</summary>
    public static JsonDocumentOptions NoDuplicateKeys { get; } = new() { AllowDuplicateProperties = false };

    private JsonFields(string path, JsonElement root, string fieldPrefix = "") => (_path, _root, _fieldPrefix) = (path, root, fieldPrefix);

    /// <exception cref="InputException">The file is missing, unreadable, not JSON, or not a JSON object.</exception>
    public static JsonFields Load(string path)
    {
        if (!CheckpointFile.Exists(path))
            throw new InputException($"{path}: no such file");
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException($"{path}: no such file");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot read it: {e.Message}");
        }
        try
        {
            // Cloned, so the document's pooled memory can go at once; a checkpoint config is a few kilobytes.
            using var document = JsonDocument.Parse(bytes, NoDuplicateKeys);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new InputException($"{path}: not a JSON object");
            return new JsonFields(path, document.RootElement.Clone());
        }
        catch (JsonException e)
        {
            // Python's json writes NaN and Infinity unquoted, which is not JSON: the message's line number points at it.
            throw new InputException($"{path}: not valid JSON ({e.Message})");
        }
    }

    public bool Has(string field) => _root.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null;

    public JsonElement? Element(string field) => Has(field) ? _root.GetProperty(field) : null;

    public string String(string field) => OptionalString(field) ?? throw Missing(field, "a string");

    public string? OptionalString(string field) => Element(field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        var value => throw Wrong(field, "a string", value.Value),
    };

    public int PositiveInt(string field) => OptionalPositiveInt(field) ?? throw Missing(field, "a positive integer");

    public int? OptionalPositiveInt(string field) => Element(field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt32(out var number) && number > 0 => number,
        var value => throw Wrong(field, "a positive integer", value.Value),
    };

    public int? OptionalTokenId(string field) => Element(field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt32(out var number) && number >= 0 => number,
        var value => throw Wrong(field, "a token id (an integer, 0 or more)", value.Value),
    };

    /// <summary>One token id or a list of them (eos_token_id), or null when absent.</summary>
    public int[]? OptionalTokenIds(string field) => Element(field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } => [OptionalTokenId(field)!.Value],
        { ValueKind: JsonValueKind.Array } value when value.GetArrayLength() > 0
            && value.EnumerateArray().All(id => id.ValueKind == JsonValueKind.Number && id.TryGetInt32(out var number) && number >= 0)
            => [.. value.EnumerateArray().Select(id => id.GetInt32())],
        var value => throw Wrong(field, "a token id or a non-empty list of them", value.Value),
    };

    /// <summary>A number above zero that float32 holds as a normal number: the model computes with it in float32.</summary>
    public double PositiveNumber(string field) => OptionalPositiveNumber(field) ?? throw Missing(field, PositiveFloat32);

    public double? OptionalPositiveNumber(string field) => Element(field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value when value.TryGetDouble(out var number) && number > 0 && float.IsNormal((float)number) => number,
        var value => throw Wrong(field, PositiveFloat32, value.Value),
    };

    /// <summary>An integer, 0 or more.</summary>
    public int? OptionalCount(string field) => Element(field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt32(out var number) && number >= 0 => number,
        var value => throw Wrong(field, "an integer, 0 or more", value.Value),
    };

    public bool Bool(string field, bool orElse) => Element(field) switch
    {
        null => orElse,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        var value => throw Wrong(field, "true or false", value.Value),
    };

    /// <summary>A nested object's fields, or null when the field is absent or null.</summary>
    public JsonFields? OptionalObject(string field) => Element(field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Object } value => new JsonFields(_path, value, $"{_fieldPrefix}{field}."),
        var value => throw Wrong(field, "an object", value.Value),
    };

    public InputException Problem(string field, string problem) => new($"{_path}: {_fieldPrefix}{field}: {problem}");

    private const string PositiveFloat32 = "a number above 0 that float32 holds (1.18E-38 to 3.4E+38)";

    private InputException Missing(string field, string expected) => Problem(field, $"missing; expected {expected}");

    private InputException Wrong(string field, string expected, JsonElement value) =>
        Problem(field, string.Create(CultureInfo.InvariantCulture, $"expected {expected}, got {value.GetRawText()}"));
}
