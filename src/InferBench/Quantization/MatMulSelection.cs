using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace InferBench.Quantization;

/// <summary>
/// The MatMul nodes whose weight (second input) is a 2-D float32 or float16 initializer, or the transpose of one (a
/// tied embedding table read by the lm_head), and which of them an int4/int8 variant quantizes: all, or all but the
/// lm_head (the MatMul producing the logits, named /lm_head/MatMul by GenAI's builder). MatMulNBits nodes already in
/// the graph are counted and left as they are.
/// </summary>
internal sealed class MatMulSelection
{
    private const string LmHeadNodeName = "/lm_head/MatMul";
    private readonly Dictionary<NodeProto, QuantizedMatMul> _replaced = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<NodeProto> _droppedTransposes = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, QuantizedMatMul> _byWeight = [];
    private readonly HashSet<string> _weightsStillRead = [];

    /// <exception cref="InputException">The graph has no such MatMul, or the options leave none to quantize.</exception>
    /// <exception cref="UnsupportedLayoutException">A MatMul's weight is an initializer the quantizer cannot read as a matrix.</exception>
    public MatMulSelection(SourceModel source, QuantizationOptions options)
    {
        var graph = source.Decoder.Graph;
        var initializers = graph.Initializer.ToDictionary(tensor => tensor.Name);
        var transposedInitializers = graph.Node
            .Where(node => node.OpType == "Transpose" && node.Domain is "" or "ai.onnx" && initializers.ContainsKey(node.Input[0]) && IsMatrixTranspose(node))
            .ToDictionary(node => node.Output[0]);
        var alreadyQuantized = graph.Node.Where(node => node.OpType == MatMulNBitsNode.OpType && node.Domain == MatMulNBitsNode.Domain).ToArray();
        AlreadyQuantizedCount = alreadyQuantized.Length;
        AlreadyQuantizedBits = alreadyQuantized.Select(node => (int)(node.Attribute.FirstOrDefault(a => a.Name == "bits")?.I ?? 4)).Distinct().Order().ToArray();

        var eligible = new List<QuantizedMatMul>();
        foreach (var node in graph.Node.Where(IsMatMul))
        {
            if (initializers.TryGetValue(node.Input[1], out var weight))
            {
                RequireMatrix(source, node, weight, options);
                if (InitializerReader.IsReadable(weight) && weight.Dims.Count == 2)
                    eligible.Add(new QuantizedMatMul(node, weight, Transposed: false, K: weight.Dims[0], N: weight.Dims[1], null));
            }
            else if (transposedInitializers.TryGetValue(node.Input[1], out var transpose))
            {
                weight = initializers[transpose.Input[0]];
                RequireMatrix(source, node, weight, options);
                if (InitializerReader.IsReadable(weight) && weight.Dims.Count == 2)
                    eligible.Add(new QuantizedMatMul(node, weight, Transposed: true, K: weight.Dims[1], N: weight.Dims[0], transpose));
            }
        }
        if (eligible.Count == 0)
            throw new InputFieldException([QuantizationOptions.SourceField], $"{source.DecoderPath} has no MatMul whose weight is a 2-D float32 or float16 initializer" +
                (AlreadyQuantizedCount > 0 ? $" ({AlreadyQuantizedCount} MatMulNBits nodes are quantized already)" : "") + "; nothing to quantize");
        WeightType = eligible.Any(matMul => matMul.Weight.DataType == (int)DataType.Float16) ? DataType.Float16 : DataType.Float;
        if (options.Bits is null)
            return;

        foreach (var matMul in eligible.Where(matMul => options.QuantizeLmHead || !IsLmHead(matMul.Node, source.LogitsOutput)))
        {
            _replaced.Add(matMul.Node, matMul);
            LmHeadQuantized |= IsLmHead(matMul.Node, source.LogitsOutput);
        }
        if (_replaced.Count == 0)
            throw new InputFieldException([QuantizationOptions.QuantizeLmHeadField], $"false leaves no MatMul of {source.DecoderPath} to quantize");

        var transposesStillRead = graph.Node.Where(node => !_replaced.ContainsKey(node)).SelectMany(node => node.Input)
            .Concat(graph.Output.Select(output => output.Name)).ToHashSet();
        _droppedTransposes.UnionWith(_replaced.Values.Select(matMul => matMul.Transpose).OfType<NodeProto>().Where(node => !transposesStillRead.Contains(node.Output[0])));
        foreach (var matMul in _replaced.Values)
            _byWeight.TryAdd(matMul.Weight.Name, matMul);
        foreach (var node in graph.Node.Where(node => !_replaced.ContainsKey(node) && !_droppedTransposes.Contains(node)))
            _weightsStillRead.UnionWith(node.Input.Where(_byWeight.ContainsKey));
        _weightsStillRead.UnionWith(graph.Output.Select(output => output.Name).Where(_byWeight.ContainsKey));
    }

    public int ReplacedCount => _replaced.Count;

    public bool LmHeadQuantized { get; }

    /// <summary>float16 when the model's MatMul weights are float16 (an fp16 export), else float32.</summary>
    public DataType WeightType { get; }

    /// <summary>MatMulNBits nodes the source holds already; they are kept as they are.</summary>
    public int AlreadyQuantizedCount { get; }

    /// <summary>Their bits, each value once.</summary>
    public IReadOnlyList<int> AlreadyQuantizedBits { get; }

    public QuantizedMatMul? Replacement(NodeProto node) => _replaced.GetValueOrDefault(node);

    /// <summary>A Transpose whose only reader was a quantized MatMul: removed with it.</summary>
    public bool Drops(NodeProto node) => _droppedTransposes.Contains(node);

    public bool Quantizes(string initializerName) => _byWeight.ContainsKey(initializerName);

    /// <summary>The first replaced MatMul reading <paramref name="initializerName"/> as its weight; null when none does.</summary>
    public QuantizedMatMul? ReplacementReading(string initializerName) => _byWeight.GetValueOrDefault(initializerName);

    /// <summary>A quantized weight that another node also reads (a tied embedding's Gather, say) keeps its original too.</summary>
    public bool StillReads(string initializerName) => _weightsStillRead.Contains(initializerName);

    private static bool IsMatMul(NodeProto node) => node.OpType == "MatMul" && node.Domain is "" or "ai.onnx" && node.Input.Count == 2;

    private static bool IsLmHead(NodeProto node, string logitsOutputName) => node.Name == LmHeadNodeName || node.Output.Contains(logitsOutputName);

    private static bool IsMatrixTranspose(NodeProto node) =>
        node.Attribute.FirstOrDefault(attribute => attribute.Name == "perm") is not { } perm || perm.Ints.SequenceEqual([1L, 0L]);

    /// <summary>A MatMul weight in another float type, or not a matrix, cannot become MatMulNBits: say which node and why.</summary>
    private static void RequireMatrix(SourceModel source, NodeProto node, TensorProto weight, QuantizationOptions options)
    {
        if (options.Bits is null)
            return;
        if (weight.DataType is (int)DataType.Bfloat16 or (int)DataType.Double)
            throw new UnsupportedLayoutException(source.DecoderPath, node.Name,
                $"its weight {weight.Name} is {(weight.DataType == (int)DataType.Double ? "double" : "bfloat16")}; the quantizer reads float32 and float16 weights");
        if (InitializerReader.IsReadable(weight) && weight.Dims.Count != 2)
            throw new UnsupportedLayoutException(source.DecoderPath, node.Name,
                $"its weight {weight.Name} has {weight.Dims.Count} dimensions [{string.Join(", ", weight.Dims)}]; MatMulNBits takes a 2-D weight [K, N]");
    }
}
