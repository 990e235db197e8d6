using System.Text.RegularExpressions;

namespace InferBench.Tests.Architecture;

/// <summary>
/// A C# file of a project: its path relative to the project's folder, the namespace it declares (null for top-level
/// statements) and its code with comments and literals blanked out.
/// </summary>
public sealed partial record SourceFile(string RelativePath, string? Namespace, string Code)
{
    /// <summary>The project's C# files, without those under obj/ and bin/.</summary>
    public static IEnumerable<SourceFile> In(string projectFolder) =>
        Directory.EnumerateFiles(projectFolder, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(projectFolder, path))
            .Where(relative => relative.Split(Path.DirectorySeparatorChar)[0] is not ("obj" or "bin"))
            .Select(relative =>
            {
                var code = CSharpCode.Of(File.ReadAllText(Path.Combine(projectFolder, relative)));
                var declared = NamespaceDeclaration().Match(code);
                return new SourceFile(relative, declared.Success ? declared.Groups["name"].Value : null, code);
            });

    /// <summary>The names of the types the file declares at its top level.</summary>
    public IEnumerable<string> DeclaredTypes => TypeDeclaration().Matches(Code).Select(m => m.Groups["name"].Value);

    [GeneratedRegex(@"^\s*namespace\s+(?<name>[\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"^(?:(?:public|internal|file|sealed|static|abstract|readonly|partial|ref)\s+)*(?:record\s+(?:struct|class)|class|record|struct|interface|enum)\s+(?<name>\w+)", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();
}
