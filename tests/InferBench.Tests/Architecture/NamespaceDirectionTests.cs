using System.Text.RegularExpressions;
using InferBench.Tests.Support;

namespace InferBench.Tests.Architecture;

/// <summary>
/// Every file of the library and of the CLI (the top layer) uses only its own layer and those below it, in the order
/// README.md's Layout section gives.
/// </summary>
public sealed partial class NamespaceDirectionTests
{
    private static readonly string[] LayeredProjects = [RepoRoot.Combine("src", "InferBench"), RepoRoot.Combine("src", "InferBench.Cli")];

    [Fact]
    public void Readme_lists_every_namespace_of_the_library_as_a_layer()
    {
        var order = LayerOrder.FromRepository();
        var unlisted = LayeredFiles()
            .Select(f => LayerOrder.LayerOf(f.Namespace))
            .Distinct()
            .Where(layer => !order.Contains(layer))
            .Order()
            .ToArray();

        Assert.True(unlisted.Length == 0, $"README.md's layer order lacks: {string.Join(", ", unlisted)}");
    }

    [Fact]
    public void The_cli_is_the_top_layer_alone_and_its_files_are_in_it()
    {
        var order = LayerOrder.FromRepository();

        Assert.True(order.Contains("Cli"), "README.md's layer order lacks Cli, the top layer");
        Assert.All(order.Layers.Where(layer => layer != "Cli"), layer => Assert.False(order.MayUse(layer, "Cli"), $"{layer} may use Cli"));
        var cliFiles = LayeredFiles().Where(file => file.Project == "InferBench.Cli").ToArray();
        Assert.NotEmpty(cliFiles);
        Assert.All(cliFiles, file => Assert.Equal("Cli", LayerOrder.LayerOf(file.Namespace)));
    }

    [Fact]
    public void No_file_uses_a_namespace_above_its_own()
    {
        var order = LayerOrder.FromRepository();
        var files = LayeredFiles().ToArray();
        var members = MembersByLayer(files);
        var upward = files
            .SelectMany(file => UsedLayers(file.File.Code, order, members)
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

        var used = UsedLayers(CSharpCode.Of(source), LayerOrder.FromReadme("# x\n\n## Layout\nLayers, lowest first: InferBench ← Results ← Fetch ← Cost ← Reports ← Cli\n"), new Dictionary<string, HashSet<string>>());

        Assert.Equal(["Fetch", "Results"], used.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_name_qualified_from_a_layer_down_is_a_reference_and_a_member_access_is_not()
    {
        // Inside namespace InferBench.Merge, Reports.RunFolder is InferBench.Reports.RunFolder and Cost.Units one of Cost's namespaces.
        const string source = "var f = Reports.RunFolder.Open(p); Cost.Units.Usd u = default; var c = run.Cost.Units; var n = Fetch.Count;";
        var members = new Dictionary<string, HashSet<string>>
        {
            ["Reports"] = ["RunFolder"],
            ["Cost"] = ["Units"],
            ["Fetch"] = ["HubClient"],
        };

        var used = UsedLayers(CSharpCode.Of(source), LayerOrder.FromReadme("# x\n\n## Layout\nLayers, lowest first: InferBench ← Fetch ← Cost ← Reports ← Merge ← Cli\n"), members);

        Assert.Equal(["Cost", "Reports"], used.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Layers a file names: using directives (plain, static, aliased), fully qualified names, and names qualified from a
    /// layer down (<c>Reports.RunFolder</c>, which C# resolves from inside any InferBench namespace), counted when what
    /// follows the layer is one of its types or namespaces.
    /// </summary>
    private static IEnumerable<string> UsedLayers(string code, LayerOrder order, IReadOnlyDictionary<string, HashSet<string>> membersByLayer) =>
        NamespaceReference().Matches(code).Select(m => m.Groups["next"].Value)
            .Concat(PartlyQualifiedName().Matches(code)
                .Where(m => membersByLayer.TryGetValue(m.Groups["layer"].Value, out var members) && members.Contains(m.Groups["member"].Value))
                .Select(m => m.Groups["layer"].Value))
            .Where(order.Contains)
            .Distinct();

    /// <summary>Per layer, the names that may follow it in a qualified name: the types of its namespace and its child namespaces.</summary>
    private static Dictionary<string, HashSet<string>> MembersByLayer(IEnumerable<(string Project, string RelativePath, string Namespace, SourceFile File)> files)
    {
        var members = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (_, _, name, file) in files)
        {
            if (name.Split('.') is not [LayerOrder.RootNamespace, var layer, .. var below])
                continue;
            var names = members.TryGetValue(layer, out var known) ? known : members[layer] = new HashSet<string>(StringComparer.Ordinal);
            names.UnionWith(below is [var child, ..] ? [child] : file.DeclaredTypes);
        }
        return members;
    }

    private static IEnumerable<(string Project, string RelativePath, string Namespace, SourceFile File)> LayeredFiles() =>
        LayeredProjects.SelectMany(project => SourceFile.In(project).Select(file =>
        {
            var projectName = Path.GetFileName(project);
            // An entry point's top-level statements stand in no namespace; they belong to their project's.
            var name = file.Namespace ?? (file.RelativePath == "Program.cs" ? projectName : null);
            Assert.True(name is not null, $"{Path.Combine(project, file.RelativePath)} declares no namespace");
            return (projectName, Path.Combine(projectName, file.RelativePath), name!, file);
        }));

    [GeneratedRegex(@"\bInferBench\.(?<next>\w+)")]
    private static partial Regex NamespaceReference();

    [GeneratedRegex(@"(?<![\w.]\s*)\b(?<layer>[A-Z]\w*)\s*\.\s*(?<member>[A-Z]\w*)")]
    private static partial Regex PartlyQualifiedName();
}
