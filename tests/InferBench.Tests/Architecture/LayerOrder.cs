using InferBench.Tests.Support;

namespace InferBench.Tests.Architecture;

/// <summary>
/// The library's layers as README.md's Layout section lists them, lowest first: the line
/// "Layers, lowest first: InferBench ← Results ← ... ← Cli", where "Models, Onnx" puts two namespaces on one layer.
/// </summary>
public sealed class LayerOrder
{
    public const string RootNamespace = "InferBench";
    private const string LinePrefix = "Layers, lowest first:";

    private readonly Dictionary<string, int> _rankByLayer;

    private LayerOrder(Dictionary<string, int> rankByLayer) => _rankByLayer = rankByLayer;

    public IReadOnlyCollection<string> Layers => _rankByLayer.Keys;

    public static LayerOrder FromReadme(string readmeText)
    {
        var layout = readmeText.Split("\n## Layout", 2) is [_, var rest] ? rest.Split("\n## ", 2)[0] : "";
        var line = layout.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(LinePrefix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"README.md's Layout section has no line starting \"{LinePrefix}\"");
        var rankByLayer = new Dictionary<string, int>(StringComparer.Ordinal);
        var layers = line[LinePrefix.Length..].Split('←');
        for (var rank = 0; rank < layers.Length; rank++)
        {
            foreach (var name in layers[rank].Split(',').Select(n => n.Trim()))
                rankByLayer.Add(name, rank);
        }
        return new LayerOrder(rankByLayer);
    }

    public static LayerOrder FromRepository() => FromReadme(File.ReadAllText(RepoRoot.Combine("README.md")));

    public bool Contains(string layer) => _rankByLayer.ContainsKey(layer);

    /// <summary>True when <paramref name="user"/> may use <paramref name="used"/>: the same layer or one before it.</summary>
    public bool MayUse(string user, string used) => _rankByLayer[used] <= _rankByLayer[user];

    /// <summary>The layer of a namespace: its second part (InferBench.Telemetry.Power is Telemetry), or the root.</summary>
    public static string LayerOf(string namespaceName) =>
        namespaceName.Split('.') is [RootNamespace, var layer, ..] ? layer : RootNamespace;
}
