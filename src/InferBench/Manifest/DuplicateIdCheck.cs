using System.Text.Json;

namespace InferBench.Manifest;

/// <summary>Model ids must be unique in the manifest and variant ids within their model.</summary>
internal static class DuplicateIdCheck
{
    public static IEnumerable<JsonProblem> Find(JsonElement manifest)
    {
        var models = JsonLocation.Root(manifest).Child("models");
        foreach (var problem in DuplicateIds.In(models))
            yield return problem;
        if (!models.TryGetValue(out var modelList) || modelList.ValueKind != JsonValueKind.Array)
            yield break;
        for (var index = 0; index < modelList.GetArrayLength(); index++)
        {
            foreach (var problem in DuplicateIds.In(models.Child(index).Child("variants")))
                yield return problem;
        }
    }
}
