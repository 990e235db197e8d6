namespace InferBench.Forecast;

/// <summary>
/// What one model variant costs per token, from its files (<see cref="ModelFactsReader"/>) or its architecture
/// (<see cref="ShapeFacts"/>): the numbers a roofline needs.
/// </summary>
/// <param name="Parameters">Every weight, counted as its unquantized element (a 4-bit MatMulNBits weight counts K x N).</param>
/// <param name="MatMulParameters">The weights of matrix multiplications (lm_head included, the embedding table not): 2 FLOPs each per token.</param>
/// <param name="WeightBytesPerDecodeStep">Bytes of weights read by one forward step: every initializer but the embedding table, of which only the batch's rows are read.</param>
/// <param name="KvCacheBytesPerToken">Key and value cache bytes one token of context holds, over all layers.</param>
public sealed record ModelFacts(
    long Parameters,
    long MatMulParameters,
    long WeightBytesPerDecodeStep,
    long KvCacheBytesPerToken,
    int Layers,
    int AttentionHeads,
    int HeadSize)
{
    /// <summary>2 x matmul weights: FLOPs per token independent of the context.</summary>
    public double MatMulFlopsPerToken => 2.0 * MatMulParameters;

    /// <summary>4 x layers x heads x head size: FLOPs per token per token of context it attends to.</summary>
    public double AttentionFlopsPerContextToken => 4.0 * Layers * AttentionHeads * HeadSize;

    /// <summary>FLOPs of one generated token attending to <paramref name="contextTokens"/> tokens: 2 per matmul weight, plus QK^T and attention x V (2 x 2 x heads x head size per context token per layer).</summary>
    public double FlopsPerDecodeToken(double contextTokens) => MatMulFlopsPerToken + AttentionFlopsPerContextToken * contextTokens;

    /// <summary>FLOPs per prompt token of a prefill of <paramref name="promptTokens"/> tokens (causal: token i attends to i tokens, (p + 1) / 2 on average; logits are computed for every prompt token, as GenAI's graphs do).</summary>
    public double FlopsPerPrefillToken(int promptTokens) => FlopsPerDecodeToken((promptTokens + 1) / 2.0);

    /// <summary>Bytes one decode step reads at <paramref name="batch"/> sequences of <paramref name="contextTokens"/> tokens: the weights once, each sequence's cache.</summary>
    public double DecodeStepBytes(int batch, double contextTokens) => WeightBytesPerDecodeStep + (double)batch * contextTokens * KvCacheBytesPerToken;

    /// <summary>Bytes a prefill moves: the weights once, and the cache it writes.</summary>
    public double PrefillBytes(int batch, int promptTokens) => WeightBytesPerDecodeStep + (double)batch * promptTokens * KvCacheBytesPerToken;

    public double DecodeStepFlops(int batch, double contextTokens) => batch * FlopsPerDecodeToken(contextTokens);

    public double PrefillFlops(int batch, int promptTokens) => (double)batch * promptTokens * FlopsPerPrefillToken(promptTokens);
}
