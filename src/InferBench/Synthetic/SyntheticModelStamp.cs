using System.Text.Json.Serialization;
using InferBench.Onnx;

namespace InferBench.Synthetic;

/// <summary>
/// synthetic.json, written last into a synthetic model folder: what was built, by which generator, and the size of
/// every file, so a cache can tell a complete folder for a config from a stale or damaged one without rebuilding it.
/// </summary>
/// <param name="GeneratorVersion">Raised whenever the same config would give different files.</param>
/// <param name="FileBytes">Size of each other file in the folder, by file name.</param>
public sealed record SyntheticModelStamp(
    int GeneratorVersion,
    string InferBenchVersion,
    SyntheticModelConfig Config,
    long ParameterCount,
    IReadOnlyDictionary<string, long> FileBytes)
{
    public const string FileName = "synthetic.json";
    public const int CurrentGeneratorVersion = 1;

    [JsonIgnore] public long TotalFileBytes => FileBytes.Values.Sum();

    /// <summary>The stamp in <paramref name="folderPath"/>, or null where there is none or it cannot be read.</summary>
    public static SyntheticModelStamp? TryRead(string folderPath) => FolderStamp.TryRead<SyntheticModelStamp>(folderPath, FileName);

    /// <summary>
    /// True when <paramref name="folderPath"/> holds a model built from <paramref name="config"/> by this generator, with every file
    /// at its recorded size.
    /// </summary>
    public static bool IsCompleteFor(string folderPath, SyntheticModelConfig config) =>
        TryRead(folderPath) is { } stamp
        && stamp.GeneratorVersion == CurrentGeneratorVersion
        && stamp.Config == config
        && FolderStamp.FilesAtRecordedSize(folderPath, stamp.FileBytes);
}
