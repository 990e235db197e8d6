using System.Security.Cryptography;
using System.Text.Json;
using Google.Protobuf;
using InferBench.Telemetry;

namespace InferBench.Synthetic;

/// <summary>
/// Writes a synthetic model folder that ONNX Runtime GenAI loads: model.onnx, its weights in model.onnx.data,
/// genai_config.json, and synthetic.json last. The folder appears whole or not at all: everything is written into
/// a hidden sibling folder that is renamed into place only when complete, and deleted if anything fails.
/// </summary>
public static class SyntheticModelWriter
{
    public const string ModelFileName = "model.onnx";
    public const string DataFileName = ModelFileName + ".data";
    public const string GenAiConfigFileName = "genai_config.json";

    /// <param name="folderPath">Created, or replaced if it holds an earlier synthetic model (or nothing).</param>
    /// <param name="createFile">Opens each file for writing; tests pass one that fails midway. Default: a new file on disk.</param>
    /// <returns>What synthetic.json records about the folder.</returns>
    /// <exception cref="InputException">The config is invalid, the folder holds something else, or it cannot be written.</exception>
    public static SyntheticModelStamp Write(SyntheticModelConfig config, string folderPath, Func<string, Stream>? createFile = null)
    {
        var weights = new SyntheticWeights(config);
        var targetPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folderPath));
        RequireReplaceable(targetPath);
        var parentPath = Path.GetDirectoryName(targetPath)!;
        var stagingPath = Path.Combine(parentPath, $".{Path.GetFileName(targetPath)}.partial-{RandomSuffix()}");
        try
        {
            Directory.CreateDirectory(stagingPath);
            var stamp = WriteFiles(weights, stagingPath, createFile ?? CreateFile);
            MoveIntoPlace(stagingPath, targetPath);
            return stamp;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            DeleteQuietly(stagingPath);
            throw new InputException($"--out: cannot write the model to {targetPath}: {e.Message}");
        }
        catch
        {
            DeleteQuietly(stagingPath);
            throw;
        }
    }

    private static SyntheticModelStamp WriteFiles(SyntheticWeights weights, string folderPath, Func<string, Stream> createFile)
    {
        var fileBytes = new Dictionary<string, long>();
        void WriteFile(string name, Action<Stream> write)
        {
            var path = Path.Combine(folderPath, name);
            using (var stream = createFile(path))
            {
                write(stream);
                if (stream is FileStream file)
                    file.Flush(flushToDisk: true);
            }
            fileBytes[name] = new FileInfo(path).Length;
        }

        IReadOnlyDictionary<string, ExternalDataRange> ranges = new Dictionary<string, ExternalDataRange>();
        WriteFile(DataFileName, stream => ranges = ExternalDataFile.Write(weights, stream));
        WriteFile(ModelFileName, stream => LlamaDecoderGraph.Build(weights, DataFileName, ranges).WriteTo(stream));
        WriteFile(GenAiConfigFileName, stream => JsonSerializer.Serialize(stream, GenAiConfigJson.Create(weights.Config, ModelFileName), SyntheticModelStamp.JsonOptions));

        var stamp = new SyntheticModelStamp(
            SyntheticModelStamp.CurrentGeneratorVersion, SoftwareVersionsProbe.Read().InferBench, weights.Config, weights.Config.ParameterCount,
            new Dictionary<string, long>(fileBytes));
        WriteFile(SyntheticModelStamp.FileName, stream => JsonSerializer.Serialize(stream, stamp, SyntheticModelStamp.JsonOptions));
        return stamp;
    }

    /// <summary>Refuses to replace a folder that holds anything but an earlier synthetic model.</summary>
    private static void RequireReplaceable(string targetPath)
    {
        if (File.Exists(targetPath))
            throw new InputException($"--out: {targetPath} is a file, not a folder");
        if (Directory.Exists(targetPath)
            && Directory.EnumerateFileSystemEntries(targetPath).Any()
            && !File.Exists(Path.Combine(targetPath, SyntheticModelStamp.FileName)))
            throw new InputException($"--out: {targetPath} is not empty and holds no synthetic model; choose a new or empty folder");
    }

    /// <summary>Renames the finished folder into place; an earlier one is first renamed aside, then deleted.</summary>
    private static void MoveIntoPlace(string stagingPath, string targetPath)
    {
        if (!Directory.Exists(targetPath))
        {
            Directory.Move(stagingPath, targetPath);
            return;
        }
        var retiredPath = Path.Combine(Path.GetDirectoryName(targetPath)!, $".{Path.GetFileName(targetPath)}.old-{RandomSuffix()}");
        Directory.Move(targetPath, retiredPath);
        Directory.Move(stagingPath, targetPath);
        DeleteQuietly(retiredPath);
    }

    private static Stream CreateFile(string path) =>
        new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 20);

    private static string RandomSuffix() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    private static void DeleteQuietly(string folderPath)
    {
        try
        {
            if (Directory.Exists(folderPath))
                Directory.Delete(folderPath, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Keep the original failure; a stray hidden folder is the lesser problem.
        }
    }
}
