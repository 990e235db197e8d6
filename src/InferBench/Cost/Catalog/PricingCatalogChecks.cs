using System.Text.Json;
using InferBench.Manifest;

namespace InferBench.Cost;

/// <summary>What the pricing schema cannot say: ids are unique in their section, and each default names an entry.</summary>
internal static class PricingCatalogChecks
{
    private static readonly string[] Sections = ["gpuInstances", "apis", "gpus", "electricity", "pue", "gridCarbon"];

    /// <param name="underneath">The catalog the document overrides: its ids count as known to the defaults.</param>
    public static IEnumerable<ManifestProblem> Find(JsonElement catalog, PricingCatalog? underneath)
    {
        var root = ManifestLocation.Root(catalog);
        return Sections.SelectMany(section => DuplicateIdCheck.InList(root.Child(section)))
            .Concat(UnknownDefaults(root, underneath));
    }

    private static IEnumerable<ManifestProblem> UnknownDefaults(ManifestLocation root, PricingCatalog? underneath)
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

    private static IEnumerable<string> IdsIn(ManifestLocation section) =>
        section.TryGetValue(out var entries) && entries.ValueKind == JsonValueKind.Array
            ? entries.EnumerateArray()
                .Where(entry => entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                .Select(entry => entry.GetProperty("id").GetString()!)
            : [];
}
