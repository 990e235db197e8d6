namespace InferBench.Manifest;

/// <summary>A model folder in a Hugging Face repository, pinned to a revision.</summary>
/// <param name="Repo">"owner/name".</param>
/// <param name="Revision">A 40-hex commit id or a tag.</param>
/// <param name="Folder">The model's folder inside the repository; null for the repository root.</param>
public sealed record HuggingFaceModelSource(string Repo, string Revision, string? Folder) : ModelSource;
