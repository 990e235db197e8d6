using System.Text.Json;
using InferBench.Cost.Units;

namespace InferBench.Cost.Catalog;

/// <summary>
/// What the pricing schema cannot say: ids are unique in their section, each default names an entry, and each number
/// is in the range <see cref="CostInputs"/> holds the same figure to on the command line.
/// </summary>
internal static class PricingCatalogChecks
{
    private static readonly string[] Sections = ["gpuInstances", "apis", "gpus", "electricity", "pue", "gridCarbon", "publishedThroughput"];

    private static readonly (string Section, string Field, InputRange Range)[] Numbers =
    [
        ("gpuInstances", "usdPerHour", CostInputs.PricePerHourUsd),
        ("apis", "usdPer1MInputTokens", CostInputs.ApiUsdPerMillionInputTokens),
        ("apis", "usdPer1MOutputTokens", CostInputs.ApiUsdPerMillionOutputTokens),
        ("gpus", "peakDenseTflops", CostInputs.SustainedTflopsPerGpu),
        ("electricity", "usdPerKwh", CostInputs.ElectricityUsdPerKilowattHour),
        ("pue", "pue", CostInputs.Pue),
        ("gridCarbon", "gramsCo2PerKwh", CostInputs.GridGramsCo2PerKilowattHour),
    ];

    /// <param name="underneath">The catalog the document overrides: its ids count as known to the defaults.</param>
    public static IEnumerable<JsonProblem> Find(JsonElement catalog, PricingCatalog? underneath)
    {
        var root = JsonLocation.Root(catalog);
        return Sections.SelectMany(section => DuplicateIds.In(root.Child(section)))
            .Concat(UnknownDefaults(root, underneath))
            .Concat(Numbers.SelectMany(number => OutOfRange(root.Child(number.Section), number.Field, number.Range)));
    }

    private static IEnumerable<JsonProblem> OutOfRange(JsonLocation section, string field, InputRange range)
    {
        if (!section.TryGetValue(out var entries) || entries.ValueKind != JsonValueKind.Array)
            yield break;
        for (var index = 0; index < entries.GetArrayLength(); index++)
        {
            var location = section.Child(index).Child(field);
            // A number too large for a double (1e400) is not finite: TryGetDouble refuses it.
            if (location.TryGetValue(out var value) && value.ValueKind == JsonValueKind.Number
                && !(value.TryGetDouble(out var number) && range.Accepts(number)))
                yield return new(location, $"expected {range.Expected}, got {value.GetRawText()}");
        }
    }

    private static IEnumerable<JsonProblem> UnknownDefaults(JsonLocation root, PricingCatalog? underneath)
    {
        // Each default is named after the section it picks from.
        (string Section, IEnumerable<CatalogEntry> Underneath)[] defaults =
        [
            ("electricity", underneath?.Electricity ?? []),
            ("pue", underneath?.Pue ?? []),
            ("gridCarbon", underneath?.GridCarbon ?? []),
        ];
        foreach (var (section, entriesUnderneath) in defaults)
        {
            var location = root.Child("defaults").Child(section);
            if (!location.TryGetValue(out var id) || id.ValueKind != JsonValueKind.String)
                continue;
            var known = IdsIn(root.Child(section)).Concat(entriesUnderneath.Select(entry => entry.Id)).Distinct().ToList();
            if (!known.Contains(id.GetString()!))
                yield return new(location, $"expected the id of an entry in \"{section}\" (known: {string.Join(", ", known)}), got {id.GetRawText()}");
        }
    }

    private static IEnumerable<string> IdsIn(JsonLocation section) =>
        section.TryGetValue(out var entries) && entries.ValueKind == JsonValueKind.Array
            ? entries.EnumerateArray()
                .Where(entry => entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                .Select(entry => entry.GetProperty("id").GetString()!)
            : [];
}
