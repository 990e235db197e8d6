using InferBench.Tests.Support;

namespace InferBench.Tests.Architecture;

/// <summary>Every layer folder of the library, the library's root and the other projects say in a README.md what they own and what they may use.</summary>
public sealed class FolderReadmeTests
{
    private static readonly string[] BuildOutputs = ["bin", "obj"];

    [Fact]
    public void Every_layer_folder_and_project_has_a_readme()
    {
        var library = RepoRoot.Combine("src", "InferBench");
        var folders = Directory.GetDirectories(library)
            .Where(folder => !BuildOutputs.Contains(Path.GetFileName(folder)))
            .Concat([library, RepoRoot.Combine("src", "InferBench.Cli"), RepoRoot.Combine("src", "InferBench.Benchmarks")]);

        var missing = folders
            .Where(folder => !File.Exists(Path.Combine(folder, "README.md")))
            .Select(folder => Path.GetRelativePath(RepoRoot.Path, folder))
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.True(missing.Length == 0, "write a README.md (what the folder owns, what it may use) in:\n" + string.Join("\n", missing));
    }
}
