using InferBench.Tests.Support;

namespace InferBench.Tests.Architecture;

/// <summary>README.md's "a folder is a namespace": every C# file declares its project's name and its folders as its namespace.</summary>
public sealed class FolderNamespaceTests
{
    [Fact]
    public void Every_file_declares_its_project_and_folders_as_its_namespace()
    {
        var projects = new[] { "src", "tests" }
            .SelectMany(top => Directory.GetDirectories(RepoRoot.Combine(top)))
            .Where(folder => Directory.EnumerateFiles(folder, "*.csproj").Any())
            .ToArray();
        var misplaced = projects
            .SelectMany(project => SourceFile.In(project)
                .Where(file => !IsEntryPoint(file) && file.Namespace != Expected(project, file))
                .Select(file => $"{Path.GetRelativePath(RepoRoot.Path, Path.Combine(project, file.RelativePath))} declares " +
                    $"{file.Namespace ?? "no namespace"}, its folder says {Expected(project, file)}"))
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.NotEmpty(projects);
        Assert.True(misplaced.Length == 0, "a folder is a namespace:\n" + string.Join("\n", misplaced));
    }

    /// <summary>The project's folder name (InferBench.Cli), then the file's folders: src/InferBench/Cost/Units/Usd.cs is InferBench.Cost.Units.</summary>
    private static string Expected(string projectFolder, SourceFile file) =>
        string.Join('.', [Path.GetFileName(projectFolder), .. Path.GetDirectoryName(file.RelativePath)!.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries)]);

    // Top-level statements, a project's entry point, cannot stand in a namespace.
    private static bool IsEntryPoint(SourceFile file) => file.Namespace is null && file.RelativePath == "Program.cs";
}
