using System.Text.Json;
using System.Text.Json.Serialization;

namespace InferBench.Onnx;

/// <summary>
/// A model folder's JSON files, above all its stamp (synthetic.json, quantization.json), written last: it records the
/// size of every other file, so a cache can tell a complete folder from a stale or damaged one without rebuilding it.
/// </summary>
internal static class FolderStamp
{
    /// <summary>How a model folder's JSON files are written: camelCase, indented, "\n" line ends, null values left out.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        NewLine = "\n",
    };

    /// <summary>Writes <paramref name="value"/> as <paramref name="fileName"/> with <see cref="JsonOptions"/>.</summary>
    public static void Write<T>(FolderFileWriter files, string fileName, T value) =>
        files.Write(fileName, stream => JsonSerializer.Serialize(stream, value, JsonOptions));

    /// <summary>The stamp <paramref name="fileName"/> in <paramref name="folderPath"/>, or null where there is none or it cannot be read.</summary>
    public static T? TryRead<T>(string folderPath, string fileName) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllBytes(Path.Combine(folderPath, fileName)), JsonOptions);
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
