using Onnx;
using InferBench.Onnx;
using static InferBench.Onnx.OnnxGraphBuilder;

namespace InferBench.Quantization;

/// <summary>The com.microsoft MatMulNBits node that replaces a MatMul whose weight was quantized, and its initializers' names.</summary>
internal static class MatMulNBitsNode
{
    public const string OpType = "MatMulNBits";
    public const string Domain = "com.microsoft";

    /// <summary>Names as ONNX Runtime's quantizer gives them, so tools keyed on them recognise the tensors.</summary>
    public static string PackedName(string weightName, int bits) => $"{weightName}_Q{bits}";
    public static string ScalesName(string weightName) => $"{weightName}_scales";
    public static string ZeroPointsName(string weightName) => $"{weightName}_zero_points";

    /// <param name="matMul">A MatMul whose second input is W [K, N], an initializer or the transpose of one.</param>
    /// <param name="weightName">The initializer the packed weight, scales and zero points are named after.</param>
    /// <param name="options">int4 or int8 options.</param>
    /// <param name="accuracyLevel">The level for the variant's target.</param>
    public static NodeProto Replacing(NodeProto matMul, string weightName, long k, long n, QuantizationOptions options, int accuracyLevel)
    {
        var bits = options.Bits ?? throw new ArgumentException($"{options.Precision} is not quantized to MatMulNBits", nameof(options));
        var node = new NodeProto { OpType = OpType, Domain = Domain, Name = matMul.Name.Length > 0 ? $"{matMul.Name}_Q{bits}" : "" };
        node.Input.Add(matMul.Input[0]);
        node.Input.Add(PackedName(weightName, bits));
        node.Input.Add(ScalesName(weightName));
        if (!options.Symmetric)
            node.Input.Add(ZeroPointsName(weightName));
        node.Output.AddRange(matMul.Output);
        node.Attribute.Add(Attribute("K", k));
        node.Attribute.Add(Attribute("N", n));
        node.Attribute.Add(Attribute("bits", (long)bits));
        node.Attribute.Add(Attribute("block_size", (long)options.BlockSizeElements));
        // ONNX Runtime's quantizer leaves out the default 0, as some execution providers reject the attribute.
        if (accuracyLevel != 0)
            node.Attribute.Add(Attribute("accuracy_level", (long)accuracyLevel));
        return node;
    }
}
