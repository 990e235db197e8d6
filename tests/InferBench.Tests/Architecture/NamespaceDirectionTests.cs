using System.Text.RegularExpressions;
using InferBench.Tests.Support;

namespace InferBench.Tests.Architecture;

/// <summary>Every file of the library uses only its own layer and those below it, in the order README.md's Layout section gives.</summary>
public sealed partial class NamespaceDirectionTests
{
    private static readonly string LibraryFolder = RepoRoot.Combine("src", "InferBench");

    [Fact]
    public void Readme_lists_every_namespace_of_the_library_as_a_layer()
    {
        var order = LayerOrder.FromRepository();
        var unlisted = LibraryFiles()
            .Select(f => LayerOrder.LayerOf(f.Namespace))
            .Distinct()
            .Where(layer => !order.Contains(layer))
            .Order()
            .ToArray();

        Assert.True(unlisted.Length == 0, $"README.md's layer order lacks: {string.Join(", ", unlisted)}");
        Assert.True(order.Contains("Cli"), "README.md's layer order lacks Cli, the top layer");
    }

    [Fact]
    public void No_file_of_the_library_uses_a_namespace_above_its_own()
    {
        var order = LayerOrder.FromRepository();
        var upward = LibraryFiles()
            .SelectMany(file => UsedLayers(file.Code, order)
                .Where(used => order.Contains(LayerOrder.LayerOf(file.Namespace)) && !order.MayUse(LayerOrder.LayerOf(file.Namespace), used))
                .Select(used => $"{file.RelativePath} ({file.Namespace}) uses InferBench.{used}"))
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.True(upward.Length == 0, "upward references (README.md's Layout section, lowest layer first):\n" + string.Join("\n", upward));
    }

    [Fact]
    public void Layer_order_is_read_lowest_first_with_shared_layers()
    {
        var order = LayerOrder.FromReadme("# x\n\n## Layout\n\n```\nLayers, lowest first: InferBench ← Results ← Models, Onnx ← Cli\n```\n\n## Tests\n");

        Assert.True(order.MayUse("Onnx", "Models"));
        Assert.True(order.MayUse("Models", "Onnx"));
        Assert.True(order.MayUse("Cli", "Results"));
        Assert.False(order.MayUse("Results", "Models"));
        Assert.Equal("Telemetry", LayerOrder.LayerOf("InferBench.Telemetry.Power.Estimate"));
        Assert.Equal("InferBench", LayerOrder.LayerOf("InferBench"));
    }

    [Fact]
    public void Comments_and_strings_are_not_references()
    {
        const string source = "using InferBench.Results;\n// InferBench.Cli in a comment\nvar s = @\"InferBench.\"\"Cli\"; var r = $\"InferBench.Reports {1}\"; /* InferBench.Cost */ var c = '\"'; InferBench.Fetch.X.Y();";

        var used = UsedLayers(CSharpCode.Of(source), LayerOrder.FromReadme("# x\n\n## Layout\nLayers, lowest first: InferBench ← Results ← Fetch ← Cost ← Reports ← Cli\n"));

        Assert.Equal(["Fetch", "Results"], used.Order(StringComparer.Ordinal));
    }

    /// <summary>Layers a file names: using directives (plain, static, aliased) and fully qualified names alike.</summary>
    private static IEnumerable<string> UsedLayers(string code, LayerOrder order) => NamespaceReference().Matches(code)
        .Select(m => m.Groups["next"].Value)
        .Where(order.Contains)
        .Distinct();

    private static IEnumerable<(string RelativePath, string Namespace, string Code)> LibraryFiles() =>
        Directory.EnumerateFiles(LibraryFolder, "*.cs", SearchOption.AllDirectories)
            .Where(path => Path.GetRelativePath(LibraryFolder, path).Split(Path.DirectorySeparatorChar)[0] is not ("obj" or "bin"))
            .Select(path =>
            {
                var code = CSharpCode.Of(File.ReadAllText(path));
                var declared = NamespaceDeclaration().Match(code);
                Assert.True(declared.Success, $"{path} declares no namespace");
                return (Path.GetRelativePath(LibraryFolder, path), declared.Groups["name"].Value, code);
            });

    [GeneratedRegex(@"\bInferBench\.(?<next>\w+)")]
    private static partial Regex NamespaceReference();

    [GeneratedRegex(@"^\s*namespace\s+(?<name>[\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();
}
