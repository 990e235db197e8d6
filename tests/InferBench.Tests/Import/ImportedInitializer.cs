using System.Globalization;
using System.Runtime.InteropServices;
using InferBench.Onnx;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace InferBench.Tests.Import;

/// <summary>An initializer of an imported model, read back from model.onnx and its external data file.</summary>
public sealed record ImportedInitializer(DataType Type, long[] Dimensions, float[] Values)
{
    public static ImportedInitializer Read(string folder, string name)
    {
        var model = OnnxModelFile.Read(Path.Combine(folder, "model.onnx"), message => new InvalidDataException(message));
        var tensor = model.Graph.Initializer.Single(t => t.Name == name);
        string Entry(string key) => tensor.ExternalData.Single(e => e.Key == key).Value;
        using var data = File.OpenRead(Path.Combine(folder, Entry("location")));
        data.Position = long.Parse(Entry("offset"), CultureInfo.InvariantCulture);
        var bytes = new byte[long.Parse(Entry("length"), CultureInfo.InvariantCulture)];
        data.ReadExactly(bytes);
        var type = (DataType)tensor.DataType;
        var values = type == DataType.Float16
            ? [.. MemoryMarshal.Cast<byte, Half>(bytes).ToArray().Select(h => (float)h)]
            : MemoryMarshal.Cast<byte, float>(bytes).ToArray();
        return new ImportedInitializer(type, [.. tensor.Dims], values);
    }

    public static IReadOnlyList<string> Names(string folder) =>
        [.. OnnxModelFile.Read(Path.Combine(folder, "model.onnx"), message => new InvalidDataException(message)).Graph.Initializer.Select(t => t.Name)];

    public static NodeProto Node(string folder, string opType) =>
        OnnxModelFile.Read(Path.Combine(folder, "model.onnx"), message => new InvalidDataException(message)).Graph.Node.First(n => n.OpType == opType);
}
