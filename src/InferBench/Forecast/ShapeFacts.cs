using InferBench.Cost.Catalog;

namespace InferBench.Forecast;

/// <summary>
/// <see cref="ModelFacts"/> of a model InferBench has no files of (a published measurement's), from the shape its
/// model card gives and the bits its weights and cache were stored in.
/// </summary>
public static class ShapeFacts
{
    public static ModelFacts Of(PublishedModelShape shape)
    {
        long hidden = shape.HiddenSize;
        var attention = hidden * shape.AttentionHeads * shape.HeadSize * 2 + hidden * shape.KeyValueHeads * shape.HeadSize * 2;
        var mlp = hidden * shape.IntermediateSize * (shape.GatedMlp ? 3 : 2);
        var lmHead = hidden * shape.VocabSize;
        var matMul = shape.Layers * (attention + mlp) + lmHead;
        var embedding = hidden * shape.VocabSize;
        return new ModelFacts(
            Parameters: matMul + embedding,
            MatMulParameters: matMul,
            WeightBytesPerDecodeStep: (long)(matMul * shape.WeightBitsPerParameter / 8),
            KvCacheBytesPerToken: (long)(2L * shape.Layers * shape.KeyValueHeads * shape.HeadSize * shape.KvCacheBitsPerElement / 8),
            shape.Layers,
            shape.AttentionHeads,
            shape.HeadSize);
    }
}
