namespace InferBench.Cost.Catalog;

/// <summary>A power usage effectiveness: the facility's energy over the IT equipment's energy (1 or more).</summary>
public sealed record PueEntry : CatalogEntry
{
    public required double Pue { get; init; }
}
