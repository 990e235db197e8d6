namespace InferBench.Manifest;

/// <summary>One thing wrong with a manifest, at the place it is wrong.</summary>
internal sealed record ManifestProblem(ManifestLocation Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}
