using System.Globalization;
using Onnx;
using InferBench.Onnx;
using static InferBench.Onnx.OnnxGraphBuilder;
using DataType = Onnx.TensorProto.Types.DataType;

namespace InferBench.Synthetic;

/// <summary>
/// The ONNX graph GenAI's model builder emits for a Llama on CPU with fp32 weights (see README.md beside this file):
/// fused rotary in GroupQueryAttention, one packed QKV MatMul, RMSNorms fused with the residual adds. The builder emits
/// the same graph for Mistral, Qwen2 (with a q/k/v bias) and Phi-3 (its fused projections unpacked), and in fp16 for CUDA,
/// which ../Import writes from checkpoints.
/// </summary>
internal static class LlamaDecoderGraph
{
    private const string MicrosoftDomain = "com.microsoft";
    private const string Batch = "batch_size";

    /// <param name="locations">Each weight's external data file and where in it its bytes are, by tensor name.</param>
    public static ModelProto Build(SyntheticWeights weights, IReadOnlyDictionary<string, (string File, ExternalDataRange Range)> locations)
    {
        var config = weights.Config;
        var spec = new LlamaGraphSpec(config.HiddenSize, config.Layers, config.AttentionHeads, config.KeyValueHeads, config.HeadSize,
            config.VocabSize, config.RmsNormEpsilon)
        {
            FusedGateUp = config.Layout?.FusedGateUp == true,
            TiedEmbeddings = config.Layout?.TiedEmbeddings == true,
            // The generator's version, not InferBench's: the bytes change only when the generator does.
            ProducerName = "InferBench synthetic model generator",
            ProducerVersion = SyntheticModelStamp.CurrentGeneratorVersion.ToString(CultureInfo.InvariantCulture),
        };
        return Build(spec, weights.Tensors.Select(tensor => (tensor.Name, tensor.Dimensions.Select(d => (long)d))), locations);
    }

    /// <param name="initializers">Every weight's name and dimensions, in the order the model lists them; each of <see cref="LlamaGraphSpec.FloatType"/>.</param>
    /// <param name="locations">Each weight's external data file and where in it its bytes are, by tensor name.</param>
    public static ModelProto Build(LlamaGraphSpec config, IEnumerable<(string Name, IEnumerable<long> Dimensions)> initializers,
        IReadOnlyDictionary<string, (string File, ExternalDataRange Range)> locations)
    {
        var graph = new OnnxGraphBuilder("main_graph");
        DeclareInputsAndOutputs(graph, config);
        foreach (var (name, dimensions) in initializers)
            graph.Graph.Initializer.Add(ExternalTensor(name, config.FloatType, dimensions, locations[name].File, locations[name].Range));

        var (seqlensK, totalSequenceLength) = AttentionMaskLengths(graph);
        var embedded = graph.Node("Gather", "/model/embed_tokens/Gather", [LlamaTensorNames.Embedding, DecoderIoNames.InputIds]);

        // Each residual add is fused into the norm after it, which hands on both the sum (the residual stream) and its
        // normalized value; GenAI's builder wires the layers the same way.
        var residual = embedded;
        var normalized = "/model/layers.0/input_layernorm/output_0";
        graph.Node("SimplifiedLayerNormalization", "/model/layers.0/input_layernorm/LayerNorm", [embedded, LlamaTensorNames.InputNorm(0)], [normalized], "",
            Attribute("axis", -1L), Attribute("epsilon", (float)config.RmsNormEpsilon), Attribute("stash_type", 1L));
        var mlp = "";
        for (var layer = 0; layer < config.Layers; layer++)
        {
            if (layer > 0)
                (normalized, residual) = SkipNorm(graph, config, $"/model/layers.{layer}/input_layernorm", residual, mlp, LlamaTensorNames.InputNorm(layer));
            var attention = Attention(graph, config, layer, normalized, seqlensK, totalSequenceLength);
            (normalized, residual) = SkipNorm(graph, config, $"/model/layers.{layer}/post_attention_layernorm", residual, attention, LlamaTensorNames.PostAttentionNorm(layer));
            mlp = Mlp(graph, config, layer, normalized);
        }

        var finalNorm = $"/model/layers.{config.Layers}/final_norm_layernorm";
        graph.Node("SkipSimplifiedLayerNormalization", $"{finalNorm}/SkipLayerNorm",
            [residual, mlp, LlamaTensorNames.FinalNorm(config.Layers)], [$"{finalNorm}/output_0"], MicrosoftDomain,
            Attribute("epsilon", (float)config.RmsNormEpsilon));
        var lmHead = LlamaTensorNames.LmHead;
        if (config.TiedEmbeddings)
            lmHead = graph.Node("Transpose", "/lm_head/Transpose", [LlamaTensorNames.Embedding], Attribute("perm", [1L, 0L]));
        graph.Node("MatMul", "/lm_head/MatMul", [$"{finalNorm}/output_0", lmHead], [DecoderIoNames.Logits], "");

        var model = new ModelProto
        {
            IrVersion = 10,
            ProducerName = config.ProducerName,
            ProducerVersion = config.ProducerVersion,
            Graph = graph.Graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 21 });
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = MicrosoftDomain, Version = 1 });
        return model;
    }

    private static void DeclareInputsAndOutputs(OnnxGraphBuilder graph, LlamaGraphSpec config)
    {
        graph.Input(DecoderIoNames.InputIds, DataType.Int64, Batch, "sequence_length");
        graph.Input(DecoderIoNames.AttentionMask, DataType.Int64, Batch, "total_sequence_length");
        for (var layer = 0; layer < config.Layers; layer++)
        {
            graph.Input(DecoderIoNames.PastKey(layer), config.FloatType, Batch, config.KeyValueHeads, "past_sequence_length", config.HeadSize);
            graph.Input(DecoderIoNames.PastValue(layer), config.FloatType, Batch, config.KeyValueHeads, "past_sequence_length", config.HeadSize);
        }
        graph.Output(DecoderIoNames.Logits, config.FloatType, Batch, "sequence_length", config.VocabSize);
        for (var layer = 0; layer < config.Layers; layer++)
        {
            graph.Output(DecoderIoNames.PresentKey(layer), config.FloatType, Batch, config.KeyValueHeads, "total_sequence_length", config.HeadSize);
            graph.Output(DecoderIoNames.PresentValue(layer), config.FloatType, Batch, config.KeyValueHeads, "total_sequence_length", config.HeadSize);
        }
    }

    /// <summary>
    /// GroupQueryAttention's view of the 2D mask: seqlens_k = tokens so far - 1 per row, total_sequence_length = the mask's width.
    /// </summary>
    private static (string SeqlensK, string TotalSequenceLength) AttentionMaskLengths(OnnxGraphBuilder graph)
    {
        const string basename = "/model/attn_mask_reformat/attn_mask_subgraph";
        var one = graph.Int64Constant("/model/constants/INT64/[1]", [1], 1);
        var scalarOne = graph.Int64Constant("/model/constants/INT64/1", [], 1);

        var tokens = graph.Node("ReduceSum", $"{basename}/ReduceSum", [DecoderIoNames.AttentionMask, one], Attribute("keepdims", 0L));
        var lastIndex = graph.Node("Sub", $"{basename}/Sub", [tokens, one]);
        var seqlensK = graph.Node("Cast", $"{basename}/Sub/Cast", [lastIndex], Attribute("to", (long)DataType.Int32));

        var shape = graph.Node("Shape", $"{basename}/Shape", [DecoderIoNames.AttentionMask]);
        var width = graph.Node("Gather", $"{basename}/Gather", [shape, scalarOne], Attribute("axis", 0L));
        var totalSequenceLength = graph.Node("Cast", $"{basename}/Gather/Cast", [width], Attribute("to", (long)DataType.Int32));
        return (seqlensK, totalSequenceLength);
    }

    /// <returns>The attention block's output, before the residual add (which the next norm fuses).</returns>
    private static string Attention(OnnxGraphBuilder graph, LlamaGraphSpec config, int layer, string input, string seqlensK, string totalSequenceLength)
    {
        var basename = $"/model/layers.{layer}/attn";
        var qkv = graph.Node("MatMul", $"{basename}/qkv_proj/MatMul", [input, LlamaTensorNames.QkvProjection(layer)]);
        if (config.QkvBias)
            qkv = graph.Node("Add", $"{basename}/qkv_proj/Add", [qkv, LlamaTensorNames.QkvBias(layer)]);
        var attentionName = $"{basename}/GroupQueryAttention";
        var attention = $"{attentionName}/output_0";
        graph.Node("GroupQueryAttention", attentionName,
            [qkv, "", "", DecoderIoNames.PastKey(layer), DecoderIoNames.PastValue(layer), seqlensK, totalSequenceLength,
                LlamaTensorNames.CosCache, LlamaTensorNames.SinCache],
            [attention, DecoderIoNames.PresentKey(layer), DecoderIoNames.PresentValue(layer)],
            MicrosoftDomain,
            Attribute("num_heads", (long)config.AttentionHeads),
            Attribute("kv_num_heads", (long)config.KeyValueHeads),
            Attribute("scale", (float)(1 / Math.Sqrt(config.HeadSize))),
            Attribute("local_window_size", config.LocalWindowSize),
            Attribute("softcap", 0f),
            Attribute("do_rotary", 1L),
            Attribute("rotary_interleaved", 0L));
        return graph.Node("MatMul", $"{basename}/o_proj/MatMul", [attention, LlamaTensorNames.OutputProjection(layer)]);
    }

    /// <summary>SwiGLU: down(silu(gate(x)) * up(x)), with SiLU as x * Sigmoid(x); gate and up from one fused MatMul when the layout says so.</summary>
    private static string Mlp(OnnxGraphBuilder graph, LlamaGraphSpec config, int layer, string input)
    {
        var basename = $"/model/layers.{layer}/mlp";
        string gate, up;
        if (config.FusedGateUp)
        {
            var gateUp = graph.Node("MatMul", $"{basename}/gate_up_proj/MatMul", [input, LlamaTensorNames.GateUpProjection(layer)]);
            (gate, up) = ($"{basename}/Split/output_0", $"{basename}/Split/output_1");
            graph.Node("Split", $"{basename}/Split", [gateUp], [gate, up], "", Attribute("axis", -1L), Attribute("num_outputs", 2L));
        }
        else
        {
            gate = graph.Node("MatMul", $"{basename}/gate_proj/MatMul", [input, LlamaTensorNames.GateProjection(layer)]);
            up = graph.Node("MatMul", $"{basename}/up_proj/MatMul", [input, LlamaTensorNames.UpProjection(layer)]);
        }
        var sigmoid = graph.Node("Sigmoid", $"{basename}/act_fn/Sigmoid", [gate]);
        var silu = graph.Node("Mul", $"{basename}/act_fn/Mul", [gate, sigmoid]);
        var product = graph.Node("Mul", $"{basename}/Mul", [silu, up]);
        return graph.Node("MatMul", $"{basename}/down_proj/MatMul", [product, LlamaTensorNames.DownProjection(layer)]);
    }

    /// <summary>residual + skip, then RMSNorm of the sum: returns (normalized sum, sum).</summary>
    private static (string Normalized, string Residual) SkipNorm(OnnxGraphBuilder graph, LlamaGraphSpec config, string basename,
        string residual, string skip, string weight)
    {
        var (normalized, sum) = ($"{basename}/output_0", $"{basename}/output_3");
        graph.Node("SkipSimplifiedLayerNormalization", $"{basename}/SkipLayerNorm", [residual, skip, weight], [normalized, "", "", sum],
            MicrosoftDomain, Attribute("epsilon", (float)config.RmsNormEpsilon));
        return (normalized, sum);
    }
}
