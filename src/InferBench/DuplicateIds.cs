using System.Text.Json;

namespace InferBench;

/// <summary>Ids that must be unique in a list of a JSON input file (models, variants, catalog entries, machine classes); JSON Schema cannot say so.</summary>
internal static class DuplicateIds
{
    /// <summary>Each <paramref name="field"/> ("id" unless named) in the array at <paramref name="list"/> that an earlier item already used.</summary>
    public static IEnumerable<JsonProblem> In(JsonLocation list, string field = "id")
    {
        if (!list.TryGetValue(out var items) || items.ValueKind != JsonValueKind.Array)
            yield break;
        var firstUse = new Dictionary<string, JsonLocation>(StringComparer.Ordinal);
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
