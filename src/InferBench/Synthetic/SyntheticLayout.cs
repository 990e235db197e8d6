namespace InferBench.Synthetic;

/// <summary>
/// How a synthetic model lays out its weights, beyond the Llama layout GenAI's model builder emits for CPU (packed QKV,
/// separate gate and up projections, one external data file): the layouts real exports hold, so the quantizer is
/// tested on each without downloading one.
/// </summary>
/// <param name="FusedGateUp">
/// One gate_up MatMul [hidden, 2 × intermediate] split in two (gate, then up), as Phi-3's checkpoints hold the MLP.
/// </param>
/// <param name="TiedEmbeddings">
/// No lm_head weight: the logits come from the embedding table through a Transpose, as models with
/// tie_word_embeddings (Llama 3.2 1B/3B, Phi-4-mini) share it.
/// </param>
/// <param name="DataFilePerTensor">Each weight in its own external data file, as ONNX saves with all_tensors_to_one_file false.</param>
public sealed record SyntheticLayout(bool FusedGateUp = false, bool TiedEmbeddings = false, bool DataFilePerTensor = false)
{
    /// <summary>Names for a command line: fused-gate-up, tied-embeddings, data-file-per-tensor.</summary>
    public static IReadOnlyList<string> Names { get; } = ["fused-gate-up", "tied-embeddings", "data-file-per-tensor"];

    /// <summary>The layout with each of <paramref name="names"/> (from <see cref="Names"/>) switched on.</summary>
    /// <exception cref="ArgumentException">A name not in <see cref="Names"/>.</exception>
    public static SyntheticLayout Named(IEnumerable<string> names) => names.Aggregate(new SyntheticLayout(), (layout, name) => name switch
    {
        "fused-gate-up" => layout with { FusedGateUp = true },
        "tied-embeddings" => layout with { TiedEmbeddings = true },
        "data-file-per-tensor" => layout with { DataFilePerTensor = true },
        _ => throw new ArgumentException($"no layout named {name} (known: {string.Join(", ", Names)})", nameof(names)),
    });
}
