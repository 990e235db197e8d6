using DataType = Onnx.TensorProto.Types.DataType;

namespace InferBench.Synthetic;

/// <summary>
/// What <see cref="LlamaDecoderGraph"/> draws: a Llama-architecture decoder's sizes, which of the builder's layout
/// options it takes, and the float type of its weights, activations and KV cache.
/// </summary>
/// <param name="HeadSize">Channels per attention head; a checkpoint may set it apart from hidden size / heads.</param>
internal sealed record LlamaGraphSpec(
    int HiddenSize, int Layers, int AttentionHeads, int KeyValueHeads, int HeadSize, int VocabSize, double RmsNormEpsilon)
{
    /// <summary>One gate_up MatMul split in two (<see cref="SyntheticLayout.FusedGateUp"/>).</summary>
    public bool FusedGateUp { get; init; }

    /// <summary>The lm_head reads the embedding table through a Transpose (<see cref="SyntheticLayout.TiedEmbeddings"/>).</summary>
    public bool TiedEmbeddings { get; init; }

    /// <summary>An Add of the packed q/k/v bias after the QKV MatMul, as the builder writes for Qwen2.</summary>
    public bool QkvBias { get; init; }

    /// <summary>GroupQueryAttention's local_window_size: the sliding window in tokens, or -1 for none.</summary>
    public long LocalWindowSize { get; init; } = -1;

    /// <summary>Float or Float16: every weight, graph input and output (logits and the KV cache included).</summary>
    public DataType FloatType { get; init; } = DataType.Float;

    public required string ProducerName { get; init; }
    public required string ProducerVersion { get; init; }
}
