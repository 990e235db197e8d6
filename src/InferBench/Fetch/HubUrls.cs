using InferBench.Manifest;

namespace InferBench.Fetch;

/// <summary>The Hub addresses fetch uses: a file's resolve URL and a repository's page.</summary>
public static class HubUrls
{
    /// <summary><c>{endpoint}/{repo}/resolve/{revision}/{folder}/{file}</c>; a revision such as refs/pr/1 is escaped whole, as the Hub expects.</summary>
    public static Uri Resolve(Uri endpoint, HuggingFaceModelSource source, string filePath)
    {
        var inRepo = source.Folder is null ? filePath : $"{source.Folder.Trim('/')}/{filePath}";
        return new Uri($"{Base(endpoint)}/{source.Repo}/resolve/{Uri.EscapeDataString(source.Revision)}/{Escape(inRepo)}");
    }

    /// <summary>The repository's page, where a gated model's licence is accepted.</summary>
    public static Uri ModelPage(Uri endpoint, string repo) => new($"{Base(endpoint)}/{repo}");

    private static string Base(Uri endpoint) => endpoint.AbsoluteUri.TrimEnd('/');

    private static string Escape(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
}
