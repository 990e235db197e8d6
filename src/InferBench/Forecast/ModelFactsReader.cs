using System.Text.Json;
using InferBench.Models;
using InferBench.Onnx;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace InferBench.Forecast;

/// <summary>
/// <see cref="ModelFacts"/> of a GenAI model folder, counted from its decoder graph (shapes and types of the
/// initializers; weight values are never read) and genai_config.json (layers, heads, head size).
/// </summary>
public static class ModelFactsReader
{
    /// <exception cref="InputException">Not a GenAI model folder, its decoder is not ONNX, or genai_config.json lacks a shape field; the message names the file and field.</exception>
    public static ModelFacts Read(string folderPath)
    {
        var info = Inspect(folderPath);
        var configPath = Path.Combine(folderPath, GenAiModelFolder.ConfigFileName);
        using var config = JsonInputFile.Read(configPath, configPath);
        var decoder = config.RootElement.GetProperty("model").GetProperty("decoder");
        var layers = ShapeField(decoder, "num_hidden_layers", configPath);
        var heads = ShapeField(decoder, "num_attention_heads", configPath);
        var kvHeads = decoder.TryGetProperty("num_key_value_heads", out _) ? ShapeField(decoder, "num_key_value_heads", configPath) : heads;
        var headSize = ShapeField(decoder, "head_size", configPath);

        var decoderPath = Path.Combine(folderPath, info.DecoderFileName);
        var model = OnnxModelFile.Read(decoderPath, message => new InputException(message));
        var weights = CountWeights(model.Graph);
        var kvBytesPerElement = CacheElementBytes(model.Graph, info);
        return new ModelFacts(
            weights.Parameters, weights.MatMulParameters, weights.BytesPerStep,
            KvCacheBytesPerToken: (long)(2L * layers * kvHeads * headSize * kvBytesPerElement),
            layers, heads, headSize, info.ContextLength);
    }

    /// <summary>fp32, fp16, int8 or int4 (<see cref="DecoderPrecision"/>), as an input error where the folder is no GenAI model.</summary>
    /// <exception cref="InputException">Not a GenAI model folder, or its decoder is not ONNX.</exception>
    public static string Precision(string folderPath)
    {
        try
        {
            return DecoderPrecision.Of(folderPath);
        }
        catch (ModelFolderException e)
        {
            throw new InputException(e.Message);
        }
    }

    private static GenAiModelInfo Inspect(string folderPath)
    {
        try
        {
            return GenAiModelFolder.Inspect(folderPath);
        }
        catch (ModelFolderException e)
        {
            throw new InputException(e.Message);
        }
    }

    private static (long Parameters, long MatMulParameters, long BytesPerStep) CountWeights(GraphProto graph)
    {
        var initializers = graph.Initializer.ToDictionary(tensor => tensor.Name, StringComparer.Ordinal);
        long matMulParameters = 0;
        var quantizedInputs = new HashSet<string>(StringComparer.Ordinal);
        var consumers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var node in graph.Node)
        {
            foreach (var input in node.Input.Where(initializers.ContainsKey))
                (consumers.TryGetValue(input, out var ops) ? ops : consumers[input] = []).Add(node.OpType);
            if (node.OpType is "MatMul" or "Gemm" && node.Input.Count > 1 && initializers.TryGetValue(node.Input[1], out var weight) && weight.Dims.Count == 2)
                matMulParameters += weight.Dims[0] * weight.Dims[1];
            else if (node.OpType == "MatMulNBits")
            {
                matMulParameters += IntAttribute(node, "K") * IntAttribute(node, "N");
                quantizedInputs.UnionWith(node.Input.Skip(1));
            }
        }
        long parameters = matMulParameters, bytesPerStep = 0;
        foreach (var tensor in graph.Initializer)
        {
            var bytes = (long)Math.Ceiling(ElementCount(tensor) * ElementBytes(tensor.DataType));
            var onlyGathered = consumers.TryGetValue(tensor.Name, out var ops) && ops.All(op => op == "Gather");
            // Rotary cos/sin tables are caches computed from the positions, not learned weights (still read each step).
            var isRotaryCache = ops?.All(op => op is "GroupQueryAttention" or "RotaryEmbedding") == true;
            if (!onlyGathered)
                bytesPerStep += bytes;
            var isMatMulWeight = quantizedInputs.Contains(tensor.Name)
                || (ops?.Any(op => op is "MatMul" or "Gemm") == true && tensor.Dims.Count == 2 && !onlyGathered);
            if (!isMatMulWeight && !isRotaryCache && IsFloat(tensor.DataType))
                parameters += ElementCount(tensor);
        }
        return (parameters, matMulParameters, bytesPerStep);
    }

    private static double CacheElementBytes(GraphProto graph, GenAiModelInfo info)
    {
        var pattern = info.DecoderInputs.GetValueOrDefault("past_key_names", "past_key_values.%d.key");
        var name = pattern.Replace("%d", "0", StringComparison.Ordinal);
        var input = graph.Input.FirstOrDefault(value => value.Name == name);
        return input?.Type?.TensorType is { } tensorType ? ElementBytes(tensorType.ElemType) : sizeof(float);
    }

    private static int ShapeField(JsonElement decoder, string field, string configPath) =>
        decoder.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number > 0
            ? number
            : throw new InputException($"{configPath}: $.model.decoder.{field}: expected a whole number above 0 (model facts need it){(decoder.TryGetProperty(field, out var found) ? $", got {found.GetRawText()}" : ", but it is missing")}");

    private static long IntAttribute(NodeProto node, string name) =>
        node.Attribute.FirstOrDefault(attribute => attribute.Name == name)?.I ?? throw new InputException($"node {node.Name} ({node.OpType}) has no attribute {name}");

    private static long ElementCount(TensorProto tensor) => tensor.Dims.Aggregate(1L, (product, dimension) => product * dimension);

    private static bool IsFloat(int dataType) => (DataType)dataType is DataType.Float or DataType.Float16 or DataType.Bfloat16 or DataType.Double;

    private static double ElementBytes(int dataType) => (DataType)dataType switch
    {
        DataType.Double or DataType.Int64 or DataType.Uint64 => 8,
        DataType.Float or DataType.Int32 or DataType.Uint32 => 4,
        DataType.Float16 or DataType.Bfloat16 or DataType.Int16 or DataType.Uint16 => 2,
        DataType.Uint4 or DataType.Int4 => 0.5,
        _ => 1,
    };
}
