using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Google.Protobuf;
using InferBench.Onnx;
using InferBench.Results;
using InferBench.Synthetic;
using InferBench.Telemetry;
using DataType = Onnx.TensorProto.Types.DataType;

namespace InferBench.Import;

/// <summary>
/// Writes a Hugging Face checkpoint (config.json, safetensors weights, tokenizer files) as the ONNX Runtime GenAI model
/// folder GenAI's model builder emits for its architecture: model.onnx, model.onnx.data, genai_config.json, the tokenizer
/// files, and import.json last. Weights stream one tensor at a time; the folder appears whole or not at all.
/// </summary>
public static class CheckpointImporter
{
    public const string ModelFileName = "model.onnx";
    public const string DataFileName = ModelFileName + ".data";
    public const string GenAiConfigFileName = "genai_config.json";

    /// <summary>Files a tokenizer is saved as (Transformers' save_pretrained, SentencePiece); copied as they are where present.</summary>
    public static IReadOnlyList<string> TokenizerFileNames { get; } =
        ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json", "vocab.json", "merges.txt", "tokenizer.model", "chat_template.jinja"];

    /// <param name="checkpointFolder">config.json, model.safetensors or model.safetensors.index.json with its shards, tokenizer files.</param>
    /// <param name="folderPath">Created, or replaced if it holds an earlier import (or nothing).</param>
    /// <param name="checkpointSha256">The checkpoint files' SHA-256 where a fetch recorded them, kept in the stamp (<see cref="ImportStamp.SourceSha256"/>); null for none.</param>
    /// <exception cref="InputException">The checkpoint is missing, malformed or of an unsupported architecture, or the folder cannot be written.</exception>
    public static ImportStamp Import(string checkpointFolder, string folderPath, ImportOptions options, CancellationToken cancellation = default,
        IReadOnlyDictionary<string, string>? checkpointSha256 = null)
    {
        options.Validate();
        if (!Directory.Exists(checkpointFolder))
            throw new InputException($"{checkpointFolder}: no such checkpoint folder");
        var config = CheckpointConfig.Load(checkpointFolder);
        var weights = CheckpointWeights.Open(checkpointFolder);
        var plan = CheckpointTensorPlan.Make(config, weights, cancellation);
        var tokenizerFiles = TokenizerFileNames.Where(name => CheckpointFile.ExistsInside(checkpointFolder, name)).ToArray();
        return StagedFolder.Write(folderPath, ImportStamp.FileName, "imported model", stagingPath =>
            WriteFiles(checkpointFolder, config, weights, plan, tokenizerFiles, options, checkpointSha256,
                new FolderFileWriter(stagingPath, FolderFileWriter.CreateNewFile, cancellation)));
    }

    private static ImportStamp WriteFiles(string checkpointFolder, CheckpointConfig config, CheckpointWeights weights, CheckpointTensorPlan plan,
        IReadOnlyList<string> tokenizerFiles, ImportOptions options, IReadOnlyDictionary<string, string>? checkpointSha256, FolderFileWriter files)
    {
        var floatType = options.Precision == Precision.Fp16 ? DataType.Float16 : DataType.Float;
        var locations = new Dictionary<string, (string File, ExternalDataRange Range)>();
        files.Write(DataFileName, stream =>
        {
            var writer = new ExternalDataWriter(stream, files.Cancellation);
            foreach (var tensor in plan.Tensors)
            {
                var offset = writer.Begin();
                var (beyondHalf, largestMagnitude) = (0L, 0f);
                tensor.Write(values =>
                {
                    if (floatType == DataType.Float16)
                        foreach (var value in values)
                            if (float.IsFinite(value) && Math.Abs(value) > (float)Half.MaxValue)
                                (beyondHalf, largestMagnitude) = (beyondHalf + 1, Math.Max(largestMagnitude, Math.Abs(value)));
                    WriteValues(writer, values, floatType);
                });
                if (beyondHalf > 0)
                    throw new InputException(string.Create(CultureInfo.InvariantCulture,
                        $"{tensor.Name}: {beyondHalf} weight(s) beyond fp16's range (±{(float)Half.MaxValue}), the largest of magnitude {largestMagnitude:R}: precision fp16 would make them infinite; import it as fp32"));
                locations[tensor.Name] = (DataFileName, writer.End(offset));
            }
        });
        var spec = new LlamaGraphSpec(config.HiddenSize, config.Layers, config.AttentionHeads, config.KeyValueHeads, config.HeadSize,
            config.VocabSize, config.RmsNormEpsilon)
        {
            TiedEmbeddings = config.TiedEmbeddings,
            QkvBias = plan.QkvBias,
            LocalWindowSize = config.SlidingWindow ?? -1,
            FloatType = floatType,
            ProducerName = "InferBench checkpoint importer",
            ProducerVersion = ImportStamp.CurrentImporterVersion.ToString(CultureInfo.InvariantCulture),
        };
        files.Write(ModelFileName, stream => LlamaDecoderGraph.Build(spec, plan.Tensors.Select(t => (t.Name, t.Dimensions.AsEnumerable())), locations).WriteTo(stream));
        FolderStamp.Write(files, GenAiConfigFileName, GenAiConfig(config, options.Target));
        foreach (var name in tokenizerFiles)
            files.Write(name, stream =>
            {
                using var source = File.OpenRead(Path.Combine(checkpointFolder, name));
                source.CopyTo(stream);
            });

        string[] sourceFiles = [CheckpointConfig.FileName, CheckpointConfig.GenerationFileName, CheckpointWeights.IndexFileName, .. weights.Files];
        var stamp = new ImportStamp(
            ImportStamp.CurrentImporterVersion, SoftwareVersionsProbe.Read().InferBench, Path.GetFullPath(checkpointFolder), config.Architecture.ModelType,
            options.Precision, options.Target, plan.Tensors.Where(t => t.Name is not (LlamaTensorNames.CosCache or LlamaTensorNames.SinCache)).Sum(t => t.ElementCount),
            sourceFiles.Where(name => File.Exists(Path.Combine(checkpointFolder, name))).ToDictionary(name => name, name => new FileInfo(Path.Combine(checkpointFolder, name)).Length),
            new Dictionary<string, long>(files.FileBytes))
        {
            SourceSha256 = checkpointSha256 is null ? null : new SortedDictionary<string, string>(checkpointSha256.ToDictionary(), StringComparer.Ordinal),
        };
        FolderStamp.Write(files, ImportStamp.FileName, stamp);
        return stamp;
    }

    private static void WriteValues(ExternalDataWriter writer, ReadOnlySpan<float> values, DataType floatType)
    {
        if (floatType == DataType.Float)
        {
            writer.Write(MemoryMarshal.AsBytes(values));
            return;
        }
        Span<Half> halves = stackalloc Half[4096];
        for (var start = 0; start < values.Length; start += halves.Length)
        {
            var piece = values.Slice(start, Math.Min(halves.Length, values.Length - start));
            for (var i = 0; i < piece.Length; i++)
                halves[i] = (Half)piece[i];
            writer.Write(MemoryMarshal.AsBytes(halves[..piece.Length]));
        }
    }

    /// <summary>The builder's genai_config.json: ids from the configs, its provider for <paramref name="target"/>, generation_config.json's sampling settings.</summary>
    private static JsonObject GenAiConfig(CheckpointConfig config, ExecutionProvider target)
    {
        JsonNode eos = config.EosTokenIds.Count == 1 ? config.EosTokenIds[0] : new JsonArray([.. config.EosTokenIds.Select(id => (JsonNode)id)]);
        var genai = GenAiConfigJson.Create(config.Architecture.ModelType, config.HiddenSize, config.Layers, config.AttentionHeads, config.KeyValueHeads,
            config.HeadSize, config.VocabSize, config.ContextLength, config.BosTokenId, eos, config.PadTokenId, ModelFileName);
        if (target == ExecutionProvider.Cuda)
            genai["model"]!["decoder"]!["session_options"]!["provider_options"] = new JsonArray(new JsonObject { ["cuda"] = new JsonObject() });
        foreach (var (setting, value) in config.SearchSettings)
            genai["search"]![setting] = value.DeepClone();
        return genai;
    }
}
