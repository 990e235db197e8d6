namespace InferBench.Cost;

/// <summary>A published model's shape, as its model card gives it, and the bits its weights and cache were stored in.</summary>
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
