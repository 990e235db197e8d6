using System.Text.Json;

namespace InferBench.Synthetic;

/// <summary>
/// Reads a JSON file of <see cref="SyntheticModelOverrides"/> in camelCase, e.g. <c>{ "layers": 4, "seed": 7 }</c>.
/// Fields it does not know are an error, so a typo never silently leaves the preset's value in place.
/// </summary>
public static class SyntheticModelConfigFile
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static IReadOnlyList<string> FieldNames { get; } = typeof(SyntheticModelOverrides).GetProperties()
        .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))
        .ToArray();

    /// <exception cref="InputException">The file is missing, is not JSON, has an unknown field or a value of the wrong type.</exception>
    public static SyntheticModelOverrides Load(string path)
    {
        var fileName = Path.GetFileName(path);
        using var document = JsonInputFile.Read(Path.GetFullPath(path), fileName);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new InputException($"{fileName}: expected a JSON object of model sizes, got {document.RootElement.ValueKind}");
        foreach (var field in document.RootElement.EnumerateObject())
            if (!FieldNames.Contains(field.Name, StringComparer.Ordinal))
                throw new InputException($"{fileName}: unknown field \"{field.Name}\" (known: {string.Join(", ", FieldNames)})");

        try
        {
            return document.RootElement.Deserialize<SyntheticModelOverrides>(Options)!;
        }
        catch (JsonException e)
        {
            throw new InputException($"{fileName}: {e.Path}: expected a number (a whole number for sizes and the seed)");
        }
    }
}
