using System.Text.Json;
using InferBench.Manifest;

namespace InferBench.Cost.Catalog;

/// <summary>Reads the embedded pricing catalog and override files, checking both against Schemas/pricing.schema.json.</summary>
public static class PricingCatalogLoader
{
    public const string EmbeddedFileName = "pricing.catalog.json";

    private static readonly EmbeddedSchema Schema = new("pricing.schema.json");
    private static readonly JsonSerializerOptions SerializerOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private static readonly Lazy<PricingCatalog> EmbeddedCatalog = new(ReadEmbedded);

    /// <summary>The catalog built into InferBench (Cost/Catalog/pricing.catalog.json).</summary>
    public static PricingCatalog Embedded => EmbeddedCatalog.Value;

    /// <summary>The embedded catalog, with the entries of <paramref name="overridePath"/> (same format) replacing or adding by id.</summary>
    /// <exception cref="InputException">
    /// The file is missing or unreadable, is not JSON, breaks the format, or has a number outside its
    /// <see cref="CostInputs"/> range. The message names the file and, one problem a line, its full path, the JSON path and
    /// what was expected there.
    /// </exception>
    public static PricingCatalog Load(string? overridePath)
    {
        if (overridePath is null)
            return Embedded;
        var path = Path.GetFullPath(overridePath);
        using var document = JsonInputFile.Read(path, Path.GetFileName(path));
        return Embedded.OverriddenBy(Read(document.RootElement, path, underneath: Embedded));
    }

    /// <param name="underneath">The catalog this one overrides, whose ids the defaults may name; null for the embedded one.</param>
    private static PricingCatalog Read(JsonElement catalog, string fileName, PricingCatalog? underneath)
    {
        var problems = Schema.Validate(catalog, PricingCatalogChecks.Find(catalog, underneath));
        if (problems.Count > 0)
            throw new InputException(string.Join(Environment.NewLine, problems.Select(problem => $"{fileName}: {problem}")));
        // Not null: the schema has checked the document is an object.
        return catalog.Deserialize<PricingCatalog>(SerializerOptions)!;
    }

    private static PricingCatalog ReadEmbedded()
    {
        const string resourceName = "InferBench.Cost." + EmbeddedFileName;
        using var stream = typeof(PricingCatalogLoader).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"embedded resource {resourceName} is missing");
        using var reader = new StreamReader(stream);
        using var document = JsonInputFile.Parse(reader.ReadToEnd(), EmbeddedFileName);
        return Read(document.RootElement, EmbeddedFileName, underneath: null);
    }
}
