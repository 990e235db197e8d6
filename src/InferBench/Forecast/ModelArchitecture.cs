namespace InferBench.Forecast;

/// <summary>
/// A decoder's shape as a model card gives it, for models InferBench has no files of (the published measurements):
/// its <see cref="ModelFacts"/> follow from the shape and the bits each weight is stored in.
/// </summary>
/// <param name="GatedMlp">Llama-style SwiGLU (gate, up and down projections); false for a two-matrix MLP (GPT-2, Phi-2).</param>
/// <param name="WeightBitsPerParameter">Storage bits per weight, scales included (fp16 16, llama.cpp Q8_0 8.5, Q4_0 4.5).</param>
/// <param name="KvCacheBitsPerElement">Bits per cached key or value element (16 for an fp16 cache).</param>
public sealed record ModelArchitecture(
    int Layers,
    int HiddenSize,
    int IntermediateSize,
    int AttentionHeads,
    int KeyValueHeads,
    int HeadSize,
    int VocabSize,
    bool GatedMlp,
    double WeightBitsPerParameter,
    double KvCacheBitsPerElement)
{
    public ModelFacts Facts()
    {
        long hidden = HiddenSize;
        var attention = hidden * AttentionHeads * HeadSize * 2 + hidden * KeyValueHeads * HeadSize * 2;
        var mlp = hidden * IntermediateSize * (GatedMlp ? 3 : 2);
        var lmHead = hidden * VocabSize;
        var matMul = Layers * (attention + mlp) + lmHead;
        var embedding = hidden * VocabSize;
        return new ModelFacts(
            Parameters: matMul + embedding,
            MatMulParameters: matMul,
            WeightBytesPerDecodeStep: (long)(matMul * WeightBitsPerParameter / 8),
            KvCacheBytesPerToken: (long)(2L * Layers * KeyValueHeads * HeadSize * KvCacheBitsPerElement / 8),
            Layers,
            AttentionHeads,
            HeadSize);
    }
}
