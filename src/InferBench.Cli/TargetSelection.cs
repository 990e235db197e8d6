using InferBench.Manifest;
using InferBench.Runner;

namespace InferBench.Cli;

/// <summary>Turns the run's selection (manifest filters or --model-path) into the targets the runner sweeps.</summary>
public static class TargetSelection
{
    public const string LocalVariantId = "local";

    public static IReadOnlyList<BenchmarkTarget> FromManifest(string manifestPath, IReadOnlyList<string> models, IReadOnlyList<string> variants)
    {
        var manifest = ManifestLoader.Load(manifestPath);
        var fileName = Path.GetFileName(manifestPath);
        RequireKnown("--model", models, manifest.Models.Select(m => m.Id), fileName);
        var selectedModels = manifest.Models.Where(m => models.Count == 0 || models.Contains(m.Id)).ToArray();
        RequireKnown("--variant", variants, selectedModels.SelectMany(m => m.Variants).Select(v => v.Id), fileName);

        return (from model in selectedModels
                from variant in model.Variants
                where variants.Count == 0 || variants.Contains(variant.Id)
                select ToTarget(model, variant)).ToArray();
    }

    /// <exception cref="InputException">The folder does not exist.</exception>
    public static BenchmarkTarget FromFolder(string folderPath)
    {
        var fullPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folderPath));
        if (!Directory.Exists(fullPath))
            throw new InputException($"--model-path: folder not found: {fullPath}");
        // A bare folder makes no claim about providers: the run tries the requested one and reports what GenAI says.
        return new BenchmarkTarget(Path.GetFileName(fullPath), LocalVariantId, "unknown", [], fullPath);
    }

    public static string? Availability(ManifestVariant variant) => variant.Source switch
    {
        LocalModelSource local when Directory.Exists(local.FolderPath) => null,
        LocalModelSource local => $"not present locally: {local.FolderPath}",
        HuggingFaceModelSource hub =>
            $"not downloaded: this version cannot fetch {hub.Repo}@{hub.Revision} yet; download the folder yourself and pass --model-path",
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant.Source, "unknown model source"),
    };

    private static BenchmarkTarget ToTarget(ManifestModel model, ManifestVariant variant) => new(
        model.Id,
        variant.Id,
        variant.Precision.ToString().ToLowerInvariant(),
        variant.ExecutionProviders.Select(ep => ep.ToString().ToLowerInvariant()).ToArray(),
        variant.Source is LocalModelSource local ? local.FolderPath : "",
        Availability(variant));

    private static void RequireKnown(string option, IReadOnlyList<string> requested, IEnumerable<string> known, string manifestFileName)
    {
        var knownIds = known.Distinct().ToArray();
        var unknown = requested.FirstOrDefault(id => !knownIds.Contains(id));
        if (unknown is not null)
            throw new InputException($"{option}: no \"{unknown}\" in {manifestFileName} (known: {string.Join(", ", knownIds)})");
    }
}
