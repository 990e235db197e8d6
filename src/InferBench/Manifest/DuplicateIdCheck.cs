using System.Text.Json;

namespace InferBench.Manifest;

/// <summary>Model ids must be unique in the manifest and variant ids within their model; JSON Schema cannot say so.</summary>
internal static class DuplicateIdCheck
{
    public static IEnumerable<ManifestProblem> Find(JsonElement manifest)
    {
        var models = ManifestLocation.Root(manifest).Child("models");
        foreach (var problem in InList(models))
            yield return problem;
        if (!models.TryGetValue(out var modelList) || modelList.ValueKind != JsonValueKind.Array)
            yield break;
        for (var index = 0; index < modelList.GetArrayLength(); index++)
        {
            foreach (var problem in InList(models.Child(index).Child("variants")))
                yield return problem;
        }
    }

    /// <summary>Each <paramref name="field"/> ("id" unless named) in the array at <paramref name="list"/> that an earlier item already used.</summary>
    public static IEnumerable<ManifestProblem> InList(ManifestLocation list, string field = "id")
    {
        if (!list.TryGetValue(out var items) || items.ValueKind != JsonValueKind.Array)
            yield break;
        var firstUse = new Dictionary<string, ManifestLocation>(StringComparer.Ordinal);
        for (var index = 0; index < items.GetArrayLength(); index++)
        {
            var idLocation = list.Child(index).Child(field);
            if (!idLocation.TryGetValue(out var id) || id.ValueKind != JsonValueKind.String)
                continue;
            if (firstUse.TryGetValue(id.GetString()!, out var first))
                yield return new(idLocation, $"duplicate {field} {id.GetRawText()} (also at {first})");
            else
                firstUse.Add(id.GetString()!, idLocation);
        }
    }
}
