namespace InferBench.Manifest;

/// <summary>
/// A Hugging Face checkpoint (config.json, safetensors weights, tokenizer files at the repository's root), pinned to a
/// revision, that InferBench imports on first use into the GenAI model folder of the variant's
/// <see cref="ManifestVariant.Precision"/> (fp32 or fp16) for the first of its <see cref="ManifestVariant.ExecutionProviders"/>.
/// The variant's <see cref="ManifestVariant.Files"/> are the checkpoint files fetched; int8 and int4 variants derive from it.
/// </summary>
/// <param name="Repo">"owner/name".</param>
/// <param name="Revision">A 40-hex commit id or a tag.</param>
public sealed record CheckpointModelSource(string Repo, string Revision) : ModelSource
{
    /// <summary>The repository and revision the files are fetched from: the repository's root.</summary>
    public HuggingFaceModelSource Hub => new(Repo, Revision, null);
}
