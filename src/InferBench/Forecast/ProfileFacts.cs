namespace InferBench.Forecast;

/// <summary><see cref="ModelFacts"/> as profile.json writes them, with the FLOP formula's two terms.</summary>
/// <param name="MatMulFlopsPerToken">2 x matmul weights: FLOPs per token independent of context.</param>
/// <param name="AttentionFlopsPerContextToken">4 x layers x heads x head size: FLOPs per token per token of context it attends to.</param>
public sealed record ProfileFacts(
    long Parameters,
    long MatMulParameters,
    long WeightBytesPerDecodeStep,
    long KvCacheBytesPerToken,
    int Layers,
    int AttentionHeads,
    int HeadSize,
    double MatMulFlopsPerToken,
    double AttentionFlopsPerContextToken)
{
    public static ProfileFacts Of(ModelFacts facts) => new(
        facts.Parameters, facts.MatMulParameters, facts.WeightBytesPerDecodeStep, facts.KvCacheBytesPerToken,
        facts.Layers, facts.AttentionHeads, facts.HeadSize,
        MatMulFlopsPerToken: 2.0 * facts.MatMulParameters,
        AttentionFlopsPerContextToken: 4.0 * facts.Layers * facts.AttentionHeads * facts.HeadSize);

    public ModelFacts ToModelFacts() => new(Parameters, MatMulParameters, WeightBytesPerDecodeStep, KvCacheBytesPerToken, Layers, AttentionHeads, HeadSize);
}
