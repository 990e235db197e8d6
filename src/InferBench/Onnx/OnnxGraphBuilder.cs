using System.Globalization;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace InferBench.Onnx;

/// <summary>Adds inputs, outputs, nodes and initializers to an ONNX graph, with ONNX's protobuf classes.</summary>
internal sealed class OnnxGraphBuilder(string graphName)
{
    public GraphProto Graph { get; } = new() { Name = graphName };

    /// <param name="dimensions">Each a symbolic name (string) or a fixed size (int).</param>
    public void Input(string name, DataType type, params object[] dimensions) => Graph.Input.Add(Value(name, type, dimensions));

    /// <param name="dimensions">Each a symbolic name (string) or a fixed size (int).</param>
    public void Output(string name, DataType type, params object[] dimensions) => Graph.Output.Add(Value(name, type, dimensions));

    /// <summary>Adds a node with one output, named <c>{name}/output_0</c> as GenAI's builder names them, and returns that name.</summary>
    public string Node(string opType, string name, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        var output = $"{name}/output_0";
        Node(opType, name, inputs, [output], "", attributes);
        return output;
    }

    /// <param name="outputs">Output names; "" skips an optional output.</param>
    public void Node(string opType, string name, IEnumerable<string> inputs, IEnumerable<string> outputs, string domain,
        params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = name, Domain = domain };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
    }

    /// <summary>An initializer whose bytes live in <paramref name="dataFileName"/> (beside the model) at <paramref name="range"/>.</summary>
    public static TensorProto ExternalTensor(string name, DataType type, IEnumerable<long> dimensions, string dataFileName, ExternalDataRange range)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type, DataLocation = TensorProto.Types.DataLocation.External };
        tensor.Dims.AddRange(dimensions);
        tensor.ExternalData.Add(Entry("location", dataFileName));
        tensor.ExternalData.Add(Entry("offset", range.OffsetBytes.ToString(CultureInfo.InvariantCulture)));
        tensor.ExternalData.Add(Entry("length", range.LengthBytes.ToString(CultureInfo.InvariantCulture)));
        return tensor;
    }

    /// <summary>A small int64 constant stored in the model itself; returns its name.</summary>
    /// <param name="dimensions">Empty for a scalar.</param>
    public string Int64Constant(string name, long[] dimensions, params long[] values)
    {
        var constant = new TensorProto { Name = name, DataType = (int)DataType.Int64 };
        constant.Dims.AddRange(dimensions);
        constant.Int64Data.AddRange(values);
        Graph.Initializer.Add(constant);
        return name;
    }

    public static AttributeProto Attribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Attribute(string name, long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public static AttributeProto Attribute(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    private static ValueInfoProto Value(string name, DataType type, object[] dimensions)
    {
        var shape = new TensorShapeProto();
        foreach (var dimension in dimensions)
            shape.Dim.Add(dimension switch
            {
                string symbol => new TensorShapeProto.Types.Dimension { DimParam = symbol },
                int size => new TensorShapeProto.Types.Dimension { DimValue = size },
                _ => throw new ArgumentException($"dimension {dimension} is neither a name nor a size", nameof(dimensions)),
            });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }

    private static StringStringEntryProto Entry(string key, string value) => new() { Key = key, Value = value };
}
