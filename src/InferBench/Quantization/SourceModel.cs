using InferBench.Models;
using InferBench.Onnx;
using InferBench.Results;
using Onnx;

namespace InferBench.Quantization;

/// <summary>The fp32 or fp16 GenAI model folder a variant is made from: its decoder graph and what genai_config.json says about it.</summary>
/// <param name="ConfiguredProvider">The provider genai_config.json asks for (lowercase), null for none (the CPU).</param>
internal sealed record SourceModel(string FolderPath, string DecoderFileName, ModelProto Decoder, string LogitsOutput, string? ConfiguredProvider)
{
    public string DecoderPath => Path.Combine(FolderPath, DecoderFileName);

    /// <summary>True when genai_config.json asks for <paramref name="target"/> (no provider: the CPU).</summary>
    public bool AsksFor(ExecutionProvider target) => GenAiModelInfo.ProviderFrom(ConfiguredProvider) == target;

    /// <summary>What a variant is made for when the options name no target: what genai_config.json asks for.</summary>
    /// <exception cref="InputException">It asks for a provider other than cpu and cuda.</exception>
    public ExecutionProvider ConfiguredTarget => GenAiModelInfo.ProviderFrom(ConfiguredProvider)
        ?? throw new InputFieldException([QuantizationOptions.TargetField],
            $"{Path.Combine(FolderPath, GenAiModelFolder.ConfigFileName)} asks for provider {ConfiguredProvider}; expected a target of cpu or cuda, given explicitly");

    /// <exception cref="InputException">
    /// The folder is not a GenAI model, is an int4/int8 variant made by this quantizer (quantization.json), or its
    /// decoder is not an ONNX model. Messages name --in and the file. An fp16 variant made here is a source like any fp16 model.
    /// </exception>
    public static SourceModel Open(string folderPath)
    {
        var fullPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folderPath));
        GenAiModelInfo info;
        try
        {
            info = GenAiModelFolder.Inspect(fullPath);
        }
        catch (ModelFolderException e)
        {
            throw new InputFieldException([QuantizationOptions.SourceField], $"{e.Message}");
        }
        if (File.Exists(Path.Combine(fullPath, QuantizationStamp.FileName)) && QuantizationStamp.TryRead(fullPath)?.Precision != Precision.Fp16)
            throw new InputFieldException([QuantizationOptions.SourceField], $"{fullPath} holds a variant made by `models quantize` ({QuantizationStamp.FileName}); quantize the fp32 or fp16 model it was made from");

        var decoderPath = Path.Combine(fullPath, info.DecoderFileName);
        var decoder = OnnxModelFile.Read(decoderPath, message => new InputFieldException([QuantizationOptions.SourceField], message));
        if (decoder.Graph is null)
            throw new InputFieldException([QuantizationOptions.SourceField], $"{decoderPath}: the model has no graph");
        return new SourceModel(fullPath, info.DecoderFileName, decoder, LogitsOutputName.Read(fullPath), info.ConfiguredProvider);
    }
}
