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

    /// <summary>
    /// SHA-256 (lowercase hex) of each checkpoint file, by path, as the fetch that downloaded the checkpoint recorded it:
    /// a manifest checkpoint variant is imported again when any of them changes. Null for <c>models import</c> of a folder.
    /// </summary>
    public IReadOnlyDictionary<string, string>? SourceSha256 { get; init; }

    /// <summary>
    /// Why <paramref name="folderPath"/> cannot be reused as the import, with <paramref name="options"/>, of the checkpoint
    /// whose files hash to <paramref name="checkpointSha256"/>, in words for the user; null when it can.
    /// </summary>
    public static string? WhyNotCurrent(string folderPath, ImportOptions options, IReadOnlyDictionary<string, string> checkpointSha256)
    {
        if (TryRead(folderPath) is not { } stamp)
            return $"no finished import in {folderPath}";
        if (stamp.ImporterVersion != CurrentImporterVersion)
            return $"made by importer version {stamp.ImporterVersion}, this InferBench has version {CurrentImporterVersion}";
        if ((stamp.Precision, stamp.Target) != (options.Precision, options.Target))
            return $"imported as {JsonEnumName.Of(stamp.Precision)} for {JsonEnumName.Of(stamp.Target)}, expected {JsonEnumName.Of(options.Precision)} for {JsonEnumName.Of(options.Target)}";
        if (!FolderStamp.FilesAtRecordedSize(folderPath, stamp.FileBytes))
            return "a file of it is missing or not at its recorded size";
        var recorded = stamp.SourceSha256 ?? new Dictionary<string, string>();
        var changed = checkpointSha256.Keys.Union(recorded.Keys).Order(StringComparer.Ordinal)
            .FirstOrDefault(file => checkpointSha256.GetValueOrDefault(file) != recorded.GetValueOrDefault(file));
        return changed is null ? null : $"its checkpoint file {changed} is new, gone or changed (SHA-256) since it was imported";
    }

    /// <summary>The stamp in <paramref name="folderPath"/>, or null where there is none or it cannot be read.</summary>
    public static ImportStamp? TryRead(string folderPath) => FolderStamp.TryRead<ImportStamp>(folderPath, FileName);
}
