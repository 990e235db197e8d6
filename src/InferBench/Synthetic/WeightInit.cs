namespace InferBench.Synthetic;

/// <summary>How <see cref="SyntheticWeights"/> fills a tensor.</summary>
public enum WeightInit
{
    /// <summary>Uniform in ±√3: unit variance, like a token embedding table.</summary>
    Embedding,
    /// <summary>A MatMul weight [in, out]: uniform in ±1/√in, PyTorch's default for nn.Linear, so activations keep their scale.</summary>
    Projection,
    /// <summary>An RMSNorm weight: 1 ± 0.1, near the trained values and still telling a swapped or ignored weight apart.</summary>
    Norm,
    /// <summary>cos(position × θ^(-2i/head_size)) for position × i: the rotary table GroupQueryAttention reads.</summary>
    RotaryCos,
    /// <summary>sin of the same angles.</summary>
    RotarySin,
}
