using InferBench.Onnx;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace InferBench.Models;

/// <summary>
/// A model folder's precision read from its decoder, for folders no manifest describes: fp32, fp16, int8 or int4, what
/// its matrix multiplications store (MatMulNBits bits, else the weights' float type). A run of a model folder and a
/// forecast of it read it the same way.
/// </summary>
public static class DecoderPrecision
{
    /// <exception cref="ModelFolderException">Not a GenAI model folder.</exception>
    /// <exception cref="InputException">Its decoder is not ONNX, or a MatMulNBits node has no bits.</exception>
    public static string Of(string folderPath)
    {
        var info = GenAiModelFolder.Inspect(folderPath);
        var graph = OnnxModelFile.Read(Path.Combine(folderPath, info.DecoderFileName), message => new InputException(message)).Graph;
        if (graph.Node.FirstOrDefault(node => node.OpType == "MatMulNBits") is { } quantized)
            return quantized.Attribute.FirstOrDefault(attribute => attribute.Name == "bits") is { } bits
                ? $"int{bits.I}"
                : throw new InputException($"node {quantized.Name} (MatMulNBits) has no attribute bits");
        var initializers = graph.Initializer.ToDictionary(tensor => tensor.Name, StringComparer.Ordinal);
        var weightTypes = graph.Node
            .Where(node => node.OpType == "MatMul" && node.Input.Count > 1 && initializers.ContainsKey(node.Input[1]))
            .Select(node => (DataType)initializers[node.Input[1]].DataType);
        return weightTypes.Contains(DataType.Float16) ? "fp16" : "fp32";
    }

    /// <summary>As <see cref="Of"/>, or null where the folder cannot tell (its rows then say why it cannot run).</summary>
    public static string? TryOf(string folderPath)
    {
        try
        {
            return Of(folderPath);
        }
        catch (Exception e) when (e is ModelFolderException or InputException)
        {
            return null;
        }
    }
}
