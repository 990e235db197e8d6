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

    public const string DataFileName = FileName + ".data";

    public static void Write(string folderPath, float[] weight, int k, int n, string outputName = "Y") =>
        Write(folderPath, new TensorProto { Name = WeightName, DataType = (int)DataType.Float, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(weight.AsSpan())) }, k, n, outputName);

    /// <summary>
    /// The weight in an external data file at <paramref name="offsetBytes"/>; the bytes before it are a hole (a sparse file
    /// on Linux file systems), so an offset past 4 GiB costs no disk.
    /// </summary>
    public static void WriteExternal(string folderPath, float[] weight, int k, int n, long offsetBytes)
    {
        Directory.CreateDirectory(folderPath);
        var bytes = MemoryMarshal.AsBytes(weight.AsSpan()).ToArray();
        using (var data = new FileStream(Path.Combine(folderPath, DataFileName), FileMode.CreateNew))
        {
            data.SetLength(offsetBytes);
            data.Position = offsetBytes;
            data.Write(bytes);
        }
        var initializer = new TensorProto { Name = WeightName, DataType = (int)DataType.Float, DataLocation = TensorProto.Types.DataLocation.External };
        initializer.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = DataFileName });
        initializer.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = offsetBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        initializer.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Write(folderPath, initializer, k, n, "Y");
    }

    /// <param name="weight">The initializer, without its dimensions.</param>
    public static void Write(string folderPath, TensorProto weight, int k, int n, string outputName = "Y")
    {
        Directory.CreateDirectory(folderPath);
        var graph = new GraphProto { Name = "one_matmul" };
        graph.Input.Add(Value("A", "m", k));
        graph.Output.Add(Value(outputName, "m", n));
        var initializer = weight;
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
