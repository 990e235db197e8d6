namespace InferBench.Cost.Catalog;

/// <summary>The ids of the entries used when the command line does not give a value.</summary>
public sealed record CatalogDefaults
{
    public string? Electricity { get; init; }
    public string? Pue { get; init; }
    public string? GridCarbon { get; init; }

    /// <summary>These defaults with each one <paramref name="overrides"/> sets replaced.</summary>
    public CatalogDefaults OverriddenBy(CatalogDefaults overrides) => new()
    {
        Electricity = overrides.Electricity ?? Electricity,
        Pue = overrides.Pue ?? Pue,
        GridCarbon = overrides.GridCarbon ?? GridCarbon,
    };
}
