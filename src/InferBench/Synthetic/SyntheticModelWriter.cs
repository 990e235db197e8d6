using Google.Protobuf;
using InferBench.Onnx;
using InferBench.Telemetry;

namespace InferBench.Synthetic;

/// <summary>
/// Writes a synthetic model folder that ONNX Runtime GenAI loads: model.onnx, its weights in model.onnx.data,
/// genai_config.json, and synthetic.json last. The folder appears whole or not at all (<see cref="StagedFolder"/>).
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
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> fired; nothing is left at <paramref name="folderPath"/>.</exception>
    public static SyntheticModelStamp Write(
        SyntheticModelConfig config, string folderPath, Func<string, Stream>? createFile = null, CancellationToken cancellation = default)
    {
        var weights = new SyntheticWeights(config);
        return StagedFolder.Write(folderPath, SyntheticModelStamp.FileName, "synthetic model",
            stagingPath => WriteFiles(weights, new FolderFileWriter(stagingPath, createFile ?? FolderFileWriter.CreateNewFile, cancellation)));
    }

    private static SyntheticModelStamp WriteFiles(SyntheticWeights weights, FolderFileWriter files)
    {
        var locations = ExternalDataFile.Write(weights, DataFileName, files);
        files.Write(ModelFileName, stream => LlamaDecoderGraph.Build(weights, locations).WriteTo(stream));
        FolderStamp.Write(files, GenAiConfigFileName, GenAiConfigJson.Create(weights.Config, ModelFileName));

        var stamp = new SyntheticModelStamp(
            SyntheticModelStamp.CurrentGeneratorVersion, SoftwareVersionsProbe.Read().InferBench, weights.Config, weights.Config.ParameterCount,
            new Dictionary<string, long>(files.FileBytes));
        FolderStamp.Write(files, SyntheticModelStamp.FileName, stamp);
        return stamp;
    }
}
