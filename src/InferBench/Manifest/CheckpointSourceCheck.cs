using System.Text.Json;
using static InferBench.Manifest.ManifestJson;

namespace InferBench.Manifest;

/// <summary>
/// What JSON Schema cannot say about <c>{"checkpoint": {...}}</c> sources: the variant is fp32 or fp16 (what the importer
/// writes), its files name config.json and safetensors weights, and checkpoint variants of one model that fetch the same
/// repository and revision (one download, shared) list the same files.
/// </summary>
internal static class CheckpointSourceCheck
{
    public static IEnumerable<JsonProblem> Find(JsonElement manifest)
    {
        foreach (var (_, variants, variantList) in ManifestJson.VariantLists(manifest))
        {
            var firstOfDownload = new Dictionary<string, (string Id, string Files)>(StringComparer.Ordinal);
            for (var v = 0; v < variantList.GetArrayLength(); v++)
                foreach (var problem in InVariant(variants.Child(v), firstOfDownload))
                    yield return problem;
        }
    }

    private static IEnumerable<JsonProblem> InVariant(JsonLocation variant, Dictionary<string, (string Id, string Files)> firstOfDownload)
    {
        var checkpoint = variant.Child("source").Child("checkpoint");
        if (!checkpoint.TryGetValue(out var settings) || settings.ValueKind != JsonValueKind.Object)
            yield break;
        if (StringAt(variant.Child("precision")) is { } precision and not ("fp32" or "fp16"))
            yield return new(variant.Child("precision"),
                $"expected fp32 or fp16 for a checkpoint variant, got \"{precision}\" (the import writes fp32 or fp16; derive int8 and int4 variants from this one)");

        var files = variant.Child("files");
        var paths = files.TryGetValue(out var fileList) && fileList.ValueKind == JsonValueKind.Array
            ? fileList.EnumerateArray().Select(file => file.ValueKind == JsonValueKind.Object ? StringAt(file, "path") : null).OfType<string>().ToArray()
            : [];
        if (!paths.Contains("config.json") || !paths.Any(path => path.EndsWith(".safetensors", StringComparison.Ordinal) && !path.Contains('/')))
        {
            yield return new(fileList.ValueKind == JsonValueKind.Array ? files : variant,
                "expected the checkpoint's files at the repository's root: config.json and its safetensors weights (model.safetensors, "
                + "or model.safetensors.index.json and its shards), with generation_config.json and the tokenizer files where the repository has them");
        }

        if (StringAt(settings, "repo") is not { } repo || StringAt(settings, "revision") is not { } revision || StringAt(variant.Child("id")) is not { } id)
            yield break;
        var download = $"{repo}@{revision}";
        if (!firstOfDownload.TryGetValue(download, out var first))
            firstOfDownload[download] = (id, Canonical(fileList));
        else if (first.Files != Canonical(fileList))
            yield return new(files.TryGetValue(out _) ? files : variant,
                $"expected the same files as \"{first.Id}\", which fetches {download} too (checkpoint variants of one repository and revision share one download)");
    }

    /// <summary>The file list as one string, whatever the order of its entries and of their fields.</summary>
    private static string Canonical(JsonElement fileList) => fileList.ValueKind != JsonValueKind.Array ? "" : string.Join("\n",
        fileList.EnumerateArray()
            .Select(file => file.ValueKind != JsonValueKind.Object ? file.GetRawText()
                : string.Join(",", file.EnumerateObject().OrderBy(field => field.Name, StringComparer.Ordinal).Select(field => $"{field.Name}={field.Value.GetRawText()}")))
            .Order(StringComparer.Ordinal));
}
