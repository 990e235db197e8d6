using System.Text.Json;
using static InferBench.Manifest.ManifestJson;

namespace InferBench.Manifest;

/// <summary>
/// Every variant's <c>files[].path</c>, whatever its source, follows <see cref="ManifestFile.PathProblem"/>'s rule, the one
/// fetch applies: a local folder's list may not name <c>../../etc/passwd</c> either.
/// </summary>
internal static class FilePathCheck
{
    public static IEnumerable<JsonProblem> Find(JsonElement manifest)
    {
        foreach (var (_, variants, variantList) in ManifestJson.VariantLists(manifest))
        {
            for (var v = 0; v < variantList.GetArrayLength(); v++)
            {
                var files = variants.Child(v).Child("files");
                if (!files.TryGetValue(out var fileList) || fileList.ValueKind != JsonValueKind.Array)
                    continue;
                for (var f = 0; f < fileList.GetArrayLength(); f++)
                {
                    var path = files.Child(f).Child("path");
                    if (StringAt(path) is { } text && ManifestFile.PathProblem(text) is { } problem)
                        yield return new(path, $"expected a path inside the variant's folder: {problem}");
                }
            }
        }
    }
}
