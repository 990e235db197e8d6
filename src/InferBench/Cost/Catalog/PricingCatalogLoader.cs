using System.Text.Json;

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
    /// <see cref="CostInputs"/> range. The message names the file by its full path and, one problem a line, the JSON path
    /// and what was expected there.
    /// </exception>
    public static PricingCatalog Load(string? overridePath)
    {
        if (overridePath is null)
            return Embedded;
        var path = Path.GetFullPath(overridePath);
        return Embedded.OverriddenBy(ValidatedJsonFile.Read<PricingCatalog>(path, path, Schema, SerializerOptions,
            catalog => PricingCatalogChecks.Find(catalog, underneath: Embedded)));
    }

    private static PricingCatalog ReadEmbedded()
    {
        const string resourceName = "InferBench.Cost." + EmbeddedFileName;
        using var stream = typeof(PricingCatalogLoader).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"embedded resource {resourceName} is missing");
        using var reader = new StreamReader(stream);
        using var file = ValidatedJsonFile.Parse(reader.ReadToEnd(), EmbeddedFileName, Schema, catalog => PricingCatalogChecks.Find(catalog, underneath: null));
        return file.Bind<PricingCatalog>(SerializerOptions);
    }
}
