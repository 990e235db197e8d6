using System.Text.Json;

namespace InferBench.Onnx;

/// <summary>
/// The JSON file written last into a model folder (synthetic.json, quantization.json): it records the size of every
/// other file, so a cache can tell a complete folder from a stale or damaged one without rebuilding it.
/// </summary>
internal static class FolderStamp
{
    /// <summary>The stamp <paramref name="fileName"/> in <paramref name="folderPath"/>, or null where there is none or it cannot be read.</summary>
    public static T? TryRead<T>(string folderPath, string fileName, JsonSerializerOptions options) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllBytes(Path.Combine(folderPath, fileName)), options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>True when every file in <paramref name="fileBytes"/> is in <paramref name="folderPath"/> at its recorded size.</summary>
    public static bool FilesAtRecordedSize(string folderPath, IReadOnlyDictionary<string, long> fileBytes) =>
        fileBytes.All(file => new FileInfo(Path.Combine(folderPath, file.Key)) is { Exists: true } info && info.Length == file.Value);
}
