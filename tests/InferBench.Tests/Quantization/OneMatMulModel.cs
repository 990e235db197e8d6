using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace InferBench.Tests.Quantization;

/// <summary>
/// A GenAI-shaped folder whose graph is one MatMul, Y [M, N] = A [M, K] × W [K, N], with W an inline float32 initializer:
/// the smallest input the quantizer accepts. GenAI cannot run it (no KV cache), ONNX Runtime can.
/// </summary>
public static class OneMatMulModel
{
    public const string FileName = "model.onnx";
    public const string WeightName = "proj.MatMul.weight";

    public static void Write(string folderPath, float[] weight, int k, int n, string outputName = "Y")
    {
        Directory.CreateDirectory(folderPath);
        var graph = new GraphProto { Name = "one_matmul" };
        graph.Input.Add(Value("A", "m", k));
        graph.Output.Add(Value(outputName, "m", n));
        var initializer = new TensorProto { Name = WeightName, DataType = (int)DataType.Float, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(weight.AsSpan())) };
        initializer.Dims.AddRange([k, n]);
        graph.Initializer.Add(initializer);
        var node = new NodeProto { OpType = "MatMul", Name = "/model/proj/MatMul" };
        node.Input.AddRange(["A", WeightName]);
        node.Output.Add(outputName);
        graph.Node.Add(node);
        var model = new ModelProto { IrVersion = 10, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 21 });
        File.WriteAllBytes(Path.Combine(folderPath, FileName), model.ToByteArray());
        File.WriteAllText(Path.Combine(folderPath, "genai_config.json"),
            $$"""{ "model": { "type": "llama", "vocab_size": {{n}}, "context_length": 16, "decoder": { "filename": "{{FileName}}" } } }""");
    }

    private static ValueInfoProto Value(string name, string rows, int columns)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = rows });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = columns });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)DataType.Float, Shape = shape } } };
    }
}
