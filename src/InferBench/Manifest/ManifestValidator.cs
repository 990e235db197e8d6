using System.Text.Json;

namespace InferBench.Manifest;

/// <summary>Everything wrong with a parsed manifest: schema problems and duplicate ids, most specific first.</summary>
internal static class ManifestValidator
{
    public static IReadOnlyList<ManifestProblem> Validate(JsonElement manifest)
    {
        var problems = SchemaProblemCollector.Collect(ManifestSchema.Evaluate(manifest), manifest)
            .Concat(DuplicateIdCheck.Find(manifest));
        // Deepest location first; OrderBy is stable, so ties keep the order they were found in.
        return problems
            .OrderByDescending(problem => problem.Location.Depth)
            .DistinctBy(problem => problem.ToString())
            .ToList();
    }
}
