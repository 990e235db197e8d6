using InferBench.Cost.Citations;
using InferBench.Results;

namespace InferBench.Cost.Catalog;

/// <summary>What every pricing catalog entry carries besides its figure: an id, what it is, and where and when it was true.</summary>
public abstract record CatalogEntry
{
    /// <summary>Unique within its section; an override file's entry with the same id replaces it.</summary>
    public required string Id { get; init; }
    public required string Description { get; init; }
    public required string Source { get; init; }
    /// <summary>The date the figure was true: "2023", "2023-03" or "2023-03-14".</summary>
    public required string AsOf { get; init; }
    public required Provenance Provenance { get; init; }
    public string? Note { get; init; }

    public Citation Citation => new($"{Description} ({Id}); {Source}", AsOf, Provenance);
}
