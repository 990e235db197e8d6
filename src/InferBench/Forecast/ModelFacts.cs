namespace InferBench.Forecast;

/// <summary>
/// What one model variant costs per token, from its files (<see cref="ModelFactsReader"/>) or its architecture
/// (<see cref="ShapeFacts"/>): the numbers a roofline needs.
/// </summary>
/// <param name="Parameters">Every weight, counted as its unquantized element (a 4-bit MatMulNBits weight counts K x N).</param>
/// <param name="MatMulParameters">The weights of matrix multiplications (lm_head included, the embedding table not): 2 FLOPs each per token.</param>
/// <param name="WeightBytesPerDecodeStep">Bytes of weights read by one forward step: every initializer but the embedding table, of which only the batch's rows are read.</param>
/// <param name="KvCacheBytesPerToken">Key and value cache bytes one token of context holds, over all layers.</param>
/// <param name="ContextLength">The longest sequence (prompt + generated tokens) the model takes: genai_config.json's context_length; null where unknown (a published model's shape, a profile written before it was recorded).</param>
public sealed record ModelFacts(
    long Parameters,
    long MatMulParameters,
    long WeightBytesPerDecodeStep,
    long KvCacheBytesPerToken,
    int Layers,
    int AttentionHeads,
    int HeadSize,
    int? ContextLength = null)
{
    /// <summary>2 x matmul weights: FLOPs per token independent of the context.</summary>
    public double MatMulFlopsPerToken => 2.0 * MatMulParameters;

    /// <summary>4 x layers x heads x head size: FLOPs per token per token of context it attends to.</summary>
    public double AttentionFlopsPerContextToken => 4.0 * Layers * AttentionHeads * HeadSize;

    /// <summary>FLOPs of one generated token attending to <paramref name="contextTokens"/> tokens: 2 per matmul weight, plus QK^T and attention x V (2 x 2 x heads x head size per context token per layer).</summary>
    public double FlopsPerDecodeToken(double contextTokens) => MatMulFlopsPerToken + AttentionFlopsPerContextToken * contextTokens;

    /// <summary>FLOPs per prompt token of a prefill of <paramref name="promptTokens"/> tokens (causal: token i attends to i tokens, (p + 1) / 2 on average; logits are computed for every prompt token, as GenAI's graphs do).</summary>
    public double FlopsPerPrefillToken(int promptTokens) => FlopsPerDecodeToken((promptTokens + 1) / 2.0);

    /// <summary>
    /// Bytes one decode step reads at <paramref name="batch"/> sequences of <paramref name="contextTokens"/> tokens: the
    /// weights once, each sequence's cache, and with <paramref name="dequantizingGemm"/> the fp16 copy of the quantized
    /// weights that a GEMM over more than one row goes through (<see cref="DequantizingGemm"/>).
    /// </summary>
    public double DecodeStepBytes(int batch, double contextTokens, bool dequantizingGemm = false) =>
        WeightBytesPerDecodeStep + (double)batch * contextTokens * KvCacheBytesPerToken + (dequantizingGemm && batch > 1 ? DequantizedCopyBytes : 0);

    /// <summary>Bytes a prefill moves: the weights once, the cache it writes, and with <paramref name="dequantizingGemm"/> the fp16 copy of the quantized weights.</summary>
    public double PrefillBytes(int batch, int promptTokens, bool dequantizingGemm = false) =>
        WeightBytesPerDecodeStep + (double)batch * promptTokens * KvCacheBytesPerToken + (dequantizingGemm && (long)batch * promptTokens > 1 ? DequantizedCopyBytes : 0);

    /// <summary>
    /// Whether a step of <paramref name="precision"/> weights on <paramref name="hostKind"/> goes through ONNX Runtime's
    /// dequantizing GEMM: its CUDA MatMulNBits runs a fused GEMV for one row only (M = 1) and otherwise dequantizes every
    /// 4- or 8-bit weight to fp16 in a scratch buffer and multiplies that (contrib_ops/cuda/quantization/matmul_4bits.cu,
    /// matmul_nbits.cc). The CPU kernels multiply the packed weights directly.
    /// </summary>
    public static bool DequantizingGemm(string precision, string hostKind) =>
        hostKind == HostPeaks.GpuKind && precision is "int4" or "int8";

    /// <summary>2 bytes written and 2 read per matmul weight (lm_head counted, though the builder may leave it unquantized: about 1% of a 7B model).</summary>
    private double DequantizedCopyBytes => 4.0 * MatMulParameters;

    /// <summary>
    /// Bytes a GPU must hold for <paramref name="batch"/> sequences of <paramref name="sequenceTokens"/> tokens: the
    /// weights a step reads and the KV cache of every sequence at its full length. A lower bound: the embedding table,
    /// activations, the dequantized fp16 scratch and the runtime's own memory come on top.
    /// </summary>
    public double ResidentBytes(int batch, long sequenceTokens) => WeightBytesPerDecodeStep + (double)batch * sequenceTokens * KvCacheBytesPerToken;

    public double DecodeStepFlops(int batch, double contextTokens) => batch * FlopsPerDecodeToken(contextTokens);

    public double PrefillFlops(int batch, int promptTokens) => (double)batch * promptTokens * FlopsPerPrefillToken(promptTokens);
}
