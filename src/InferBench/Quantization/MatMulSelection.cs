using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace InferBench.Quantization;

/// <summary>
/// The MatMul nodes whose weight (second input) is a 2-D float32 initializer, and which of them an int4/int8 variant
/// quantizes: all, or all but the lm_head (the MatMul producing the logits, named /lm_head/MatMul by GenAI's builder).
/// </summary>
internal sealed class MatMulSelection
{
    private const string LmHeadNodeName = "/lm_head/MatMul";
    private readonly HashSet<NodeProto> _replaced = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> _quantizedWeights = [];
    private readonly HashSet<string> _weightsStillRead = [];

    /// <exception cref="InputException">The graph has no such MatMul, or the options leave none to quantize.</exception>
    public MatMulSelection(SourceModel source, QuantizationOptions options)
    {
        var graph = source.Decoder.Graph;
        var floatMatrices = graph.Initializer
            .Where(tensor => tensor.DataType == (int)DataType.Float && tensor.Dims.Count == 2)
            .ToDictionary(tensor => tensor.Name);
        var eligible = graph.Node.Where(node => IsMatMul(node) && floatMatrices.ContainsKey(node.Input[1])).ToArray();
        if (eligible.Length == 0)
            throw new InputFieldException([QuantizationOptions.SourceField], $"{source.DecoderPath} has no MatMul whose weight is a 2-D float32 initializer; expected an fp32 model " +
                "(fp16 and quantized models cannot be quantized again)");
        if (options.Bits is null)
            return;

        foreach (var node in eligible.Where(node => options.QuantizeLmHead || !IsLmHead(node, source.LogitsOutput)))
        {
            _replaced.Add(node);
            _quantizedWeights.Add(node.Input[1]);
            LmHeadQuantized |= IsLmHead(node, source.LogitsOutput);
        }
        if (_replaced.Count == 0)
            throw new InputFieldException([QuantizationOptions.QuantizeLmHeadField], $"false leaves no MatMul of {source.DecoderPath} to quantize");
        foreach (var node in graph.Node.Where(node => !_replaced.Contains(node)))
            _weightsStillRead.UnionWith(node.Input.Where(_quantizedWeights.Contains));
        _weightsStillRead.UnionWith(graph.Output.Select(output => output.Name).Where(_quantizedWeights.Contains));
    }

    public int ReplacedCount => _replaced.Count;

    public bool LmHeadQuantized { get; }

    public bool Replaces(NodeProto node) => _replaced.Contains(node);

    public bool Quantizes(string initializerName) => _quantizedWeights.Contains(initializerName);

    /// <summary>A quantized weight that another node also reads (tied embeddings, say) keeps its float32 original too.</summary>
    public bool StillReads(string initializerName) => _weightsStillRead.Contains(initializerName);

    private static bool IsMatMul(NodeProto node) => node.OpType == "MatMul" && node.Domain is "" or "ai.onnx" && node.Input.Count == 2;

    private static bool IsLmHead(NodeProto node, string logitsOutputName) => node.Name == LmHeadNodeName || node.Output.Contains(logitsOutputName);
}
