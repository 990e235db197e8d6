namespace InferBench.Tests.Support;

/// <summary>A request as <see cref="LoopbackHttpServer"/> received it; header names compare without case.</summary>
public sealed record LoopbackRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
