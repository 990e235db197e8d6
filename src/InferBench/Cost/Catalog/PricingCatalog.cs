using InferBench.Cost.Model;

namespace InferBench.Cost.Catalog;

/// <summary>
/// Prices, power and carbon figures, each with its source and date (format: Schemas/pricing.schema.json). Read by
/// <see cref="PricingCatalogLoader"/>: the embedded catalog, with an override file's entries replacing or adding by id.
/// </summary>
public sealed record PricingCatalog
{
    public IReadOnlyList<GpuInstanceEntry> GpuInstances { get; init; } = [];
    public IReadOnlyList<ApiEntry> Apis { get; init; } = [];
    public IReadOnlyList<GpuEntry> Gpus { get; init; } = [];
    public IReadOnlyList<ElectricityEntry> Electricity { get; init; } = [];
    public IReadOnlyList<PueEntry> Pue { get; init; } = [];
    public IReadOnlyList<GridCarbonEntry> GridCarbon { get; init; } = [];
    public IReadOnlyList<PublishedThroughputEntry> PublishedThroughput { get; init; } = [];
    public CatalogDefaults Defaults { get; init; } = new();

    /// <summary>The electricity price, PUE and grid carbon intensity that <see cref="Defaults"/> names.</summary>
    public EnergyAssumptions DefaultEnergy
    {
        get
        {
            var electricity = Single(Electricity, Defaults.Electricity);
            var pue = Single(Pue, Defaults.Pue);
            var grid = Single(GridCarbon, Defaults.GridCarbon);
            return new(new(electricity.Price, electricity.Citation), new(pue.Pue, pue.Citation), new(grid.Intensity, grid.Citation));
        }
    }

    /// <summary>This catalog with <paramref name="overrides"/>' entries replacing ours of the same id, and added otherwise.</summary>
    public PricingCatalog OverriddenBy(PricingCatalog overrides) => new()
    {
        GpuInstances = Merge(GpuInstances, overrides.GpuInstances),
        Apis = Merge(Apis, overrides.Apis),
        Gpus = Merge(Gpus, overrides.Gpus),
        Electricity = Merge(Electricity, overrides.Electricity),
        Pue = Merge(Pue, overrides.Pue),
        GridCarbon = Merge(GridCarbon, overrides.GridCarbon),
        PublishedThroughput = Merge(PublishedThroughput, overrides.PublishedThroughput),
        Defaults = Defaults.OverriddenBy(overrides.Defaults),
    };

    /// <param name="field">The input that named <paramref name="id"/>, which the error names.</param>
    /// <param name="item">Which of the field's values named it, when it has several (<see cref="InputFieldException.Item"/>).</param>
    /// <exception cref="InputFieldException">No entry of <paramref name="section"/> has <paramref name="id"/>; the message lists the known ids.</exception>
    public static T Find<T>(IReadOnlyList<T> section, string id, string field, string? item = null) where T : CatalogEntry =>
        section.FirstOrDefault(entry => entry.Id == id)
        ?? throw new InputFieldException([field], $"no \"{id}\" in the pricing catalog (known: {string.Join(", ", section.Select(entry => entry.Id))})", item);

    // The loader has checked that every default names an entry, and the embedded catalog sets them all.
    private static T Single<T>(IReadOnlyList<T> section, string? id) where T : CatalogEntry =>
        section.Single(entry => entry.Id == id);

    private static IReadOnlyList<T> Merge<T>(IReadOnlyList<T> entries, IReadOnlyList<T> overrides) where T : CatalogEntry
    {
        var replacements = overrides.ToDictionary(entry => entry.Id);
        return [
            .. entries.Select(entry => replacements.GetValueOrDefault(entry.Id, entry)),
            .. overrides.Where(entry => entries.All(existing => existing.Id != entry.Id)),
        ];
    }
}
