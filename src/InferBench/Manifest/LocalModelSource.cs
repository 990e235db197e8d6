namespace InferBench.Manifest;

/// <summary>A model folder on this machine.</summary>
/// <param name="FolderPath">Absolute once loaded by <see cref="ManifestLoader"/> (the manifest may give it relative to its own folder).</param>
public sealed record LocalModelSource(string FolderPath) : ModelSource;
