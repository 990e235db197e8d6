using InferBench.Models;
using InferBench.Onnx;
using Onnx;

namespace InferBench.Quantization;

/// <summary>The fp32 GenAI model folder a variant is made from: its decoder graph and what genai_config.json says about it.</summary>
internal sealed record SourceModel(string FolderPath, string DecoderFileName, ModelProto Decoder, string LogitsOutput)
{
    public string DecoderPath => Path.Combine(FolderPath, DecoderFileName);

    /// <exception cref="InputException">
    /// The folder is not a GenAI model, was quantized already (quantization.json, or MatMulNBits in the graph), or its
    /// decoder is not an ONNX model. Messages name --in and the file.
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
        if (File.Exists(Path.Combine(fullPath, QuantizationStamp.FileName)))
            throw new InputFieldException([QuantizationOptions.SourceField], $"{fullPath} holds a variant made by `models quantize` ({QuantizationStamp.FileName}); quantize the fp32 model it was made from");

        var decoderPath = Path.Combine(fullPath, info.DecoderFileName);
        var decoder = OnnxModelFile.Read(decoderPath, message => new InputFieldException([QuantizationOptions.SourceField], message));
        if (decoder.Graph?.Node.FirstOrDefault(node => node.OpType == MatMulNBitsNode.OpType) is { } quantized)
            throw new InputFieldException([QuantizationOptions.SourceField], $"{decoderPath} is quantized already (node {quantized.Name} is {MatMulNBitsNode.OpType}); quantize the fp32 model instead");
        return new SourceModel(fullPath, info.DecoderFileName, decoder, LogitsOutputName.Read(fullPath));
    }
}
