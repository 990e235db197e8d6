namespace InferBench.Cost.Catalog;

/// <summary>A published model's shape, as its model card gives it, and the bits its weights and cache were stored in.</summary>
/// <param name="GatedMlp">Llama-style SwiGLU (gate, up and down projections); false for a two-matrix MLP (GPT-2, Phi-2).</param>
/// <param name="WeightBitsPerParameter">Storage bits per weight, scales included (fp16 16, llama.cpp Q8_0 8.5, Q4_0 4.5).</param>
/// <param name="KvCacheBitsPerElement">Bits per cached key or value element (16 for an fp16 cache).</param>
public sealed record PublishedModelShape(
    int Layers,
    int HiddenSize,
    int IntermediateSize,
    int AttentionHeads,
    int KeyValueHeads,
    int HeadSize,
    int VocabSize,
    bool GatedMlp,
    double WeightBitsPerParameter,
    double KvCacheBitsPerElement);
