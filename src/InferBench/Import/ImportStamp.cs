using System.Text.Json.Serialization;
using InferBench.Onnx;
using InferBench.Results;

namespace InferBench.Import;

/// <summary>
/// import.json, written last into an imported model folder: from which checkpoint (its files and their sizes), how, by which
/// importer, and the size of every file written, so a complete folder can be told from a damaged one.
/// </summary>
/// <param name="ImporterVersion">Raised whenever the same checkpoint and options would give different files.</param>
/// <param name="SourceFileBytes">Size of each checkpoint file read (config, weights), by file name.</param>
/// <param name="FileBytes">Size of each other file in the folder, by file name.</param>
public sealed record ImportStamp(
    int ImporterVersion,
    string InferBenchVersion,
    string SourceFolder,
    string ModelType,
    Precision Precision,
    ExecutionProvider Target,
    long ParameterCount,
    IReadOnlyDictionary<string, long> SourceFileBytes,
    IReadOnlyDictionary<string, long> FileBytes)
{
    public const string FileName = "import.json";
    public const int CurrentImporterVersion = 1;

    [JsonIgnore] public long TotalFileBytes => FileBytes.Values.Sum();

    /// <summary>The stamp in <paramref name="folderPath"/>, or null where there is none or it cannot be read.</summary>
    public static ImportStamp? TryRead(string folderPath) => FolderStamp.TryRead<ImportStamp>(folderPath, FileName);
}
