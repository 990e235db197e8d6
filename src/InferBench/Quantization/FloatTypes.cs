using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace InferBench.Quantization;

/// <summary>
/// Turns a graph's float values from one float type into the other (float32 to float16 for an fp16 variant, float16 to
/// float32 for a CPU variant of an fp16 model): graph inputs, outputs and value_info, Cast nodes' targets, and tensors
/// held in node attributes (Constant). Initializers are converted as they are written (<see cref="InitializerReader.CopyConverted"/>).
/// Subgraphs (If, Loop) are left alone: decoders GenAI runs have none.
/// </summary>
internal static class FloatTypes
{
    /// <summary>
    /// float16 bytes of <paramref name="values"/>, rounded to nearest even; values beyond float16's range become ±65504
    /// rather than infinity, so one outlier weight cannot turn every activation it touches into NaN.
    /// </summary>
    public static byte[] ToFloat16Bytes(ReadOnlySpan<float> values)
    {
        var halves = new Half[values.Length];
        var max = (float)Half.MaxValue;
        for (var i = 0; i < values.Length; i++)
            halves[i] = (Half)(float.IsNaN(values[i]) ? values[i] : Math.Clamp(values[i], -max, max));
        return MemoryMarshal.AsBytes(halves.AsSpan()).ToArray();
    }

    /// <param name="from">float32 or float16.</param>
    /// <param name="to">The other one.</param>
    public static void ConvertTypes(GraphProto graph, DataType from, DataType to, InitializerReader reader)
    {
        foreach (var value in graph.Input.Concat(graph.Output).Concat(graph.ValueInfo))
            if (value.Type?.TensorType is { } tensorType && tensorType.ElemType == (int)from)
                tensorType.ElemType = (int)to;
        foreach (var node in graph.Node)
            foreach (var attribute in node.Attribute)
            {
                if (node.OpType == "Cast" && attribute.Name == "to" && attribute.I == (long)from)
                    attribute.I = (long)to;
                if (attribute.T is { } tensor && tensor.DataType == (int)from)
                    attribute.T = Converted(tensor, to, reader);
            }
    }

    private static TensorProto Converted(TensorProto tensor, DataType to, InitializerReader reader)
    {
        var values = reader.ReadFloats(tensor);
        var bytes = to == DataType.Float16 ? ToFloat16Bytes(values) : MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        var converted = new TensorProto { Name = tensor.Name, DataType = (int)to, RawData = ByteString.CopyFrom(bytes) };
        converted.Dims.AddRange(tensor.Dims);
        return converted;
    }
}
