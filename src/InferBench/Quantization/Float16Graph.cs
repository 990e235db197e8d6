using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace InferBench.Quantization;

/// <summary>
/// Turns the float32 values of a graph into float16: graph inputs, outputs and value_info, Cast nodes' targets, and
/// tensors held in node attributes (Constant). Initializers are converted as they are written (<see cref="ToFloat16Bytes"/>).
/// Subgraphs (If, Loop) are left alone: decoders GenAI runs have none.
/// </summary>
internal static class Float16Graph
{
    /// <summary>
    /// float16 bytes of <paramref name="values"/>, rounded to nearest even; values beyond float16's range become ±65504
    /// rather than infinity, so one outlier weight cannot turn every activation it touches into NaN.
    /// </summary>
    public static byte[] ToFloat16Bytes(float[] values)
    {
        var halves = new Half[values.Length];
        var max = (float)Half.MaxValue;
        for (var i = 0; i < values.Length; i++)
            halves[i] = (Half)(float.IsNaN(values[i]) ? values[i] : Math.Clamp(values[i], -max, max));
        return MemoryMarshal.AsBytes(halves.AsSpan()).ToArray();
    }

    public static void ConvertTypes(GraphProto graph, InitializerReader reader)
    {
        foreach (var value in graph.Input.Concat(graph.Output).Concat(graph.ValueInfo))
            if (value.Type?.TensorType is { ElemType: (int)DataType.Float } tensorType)
                tensorType.ElemType = (int)DataType.Float16;
        foreach (var node in graph.Node)
            foreach (var attribute in node.Attribute)
            {
                if (node.OpType == "Cast" && attribute.Name == "to" && attribute.I == (long)DataType.Float)
                    attribute.I = (long)DataType.Float16;
                if (attribute.T is { DataType: (int)DataType.Float } tensor)
                    attribute.T = Float16Tensor(tensor, reader);
            }
    }

    private static TensorProto Float16Tensor(TensorProto tensor, InitializerReader reader)
    {
        var converted = new TensorProto { Name = tensor.Name, DataType = (int)DataType.Float16, RawData = ByteString.CopyFrom(ToFloat16Bytes(reader.ReadFloats(tensor))) };
        converted.Dims.AddRange(tensor.Dims);
        return converted;
    }
}
