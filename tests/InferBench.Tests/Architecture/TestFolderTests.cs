using System.Text.RegularExpressions;
using InferBench.Tests.Support;

namespace InferBench.Tests.Architecture;

/// <summary>Test helpers used by more than one folder live in Support/, and one tiny synthetic model serves every test class.</summary>
public sealed partial class TestFolderTests
{
    private const string SupportFolder = "Support";
    private static readonly string TestsFolder = RepoRoot.Combine("tests", "InferBench.Tests");

    [Fact]
    public void A_type_used_outside_its_folder_lives_in_Support()
    {
        var files = TestFiles().ToArray();
        var strays = files
            .Where(file => file.Folder != SupportFolder)
            .SelectMany(file => DeclaredTypes(file.Code).Select(type => (file.Folder, Type: type, file.RelativePath)))
            .SelectMany(declared => files
                .Where(user => user.Folder != declared.Folder && Regex.IsMatch(user.Code, $@"\b{declared.Type}\b"))
                .Select(user => $"{declared.RelativePath} declares {declared.Type}, used by {user.RelativePath}"))
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.True(strays.Length == 0, "move these helpers to tests/InferBench.Tests/Support/:\n" + string.Join("\n", strays));
    }

    [Fact]
    public void One_class_fixture_writes_the_tiny_synthetic_model()
    {
        var files = TestFiles().ToArray();
        var fixtures = files.SelectMany(file => ClassFixture().Matches(file.Code).Select(m => m.Groups["type"].Value)).ToHashSet();
        var tinyFixtures = files
            .Where(file => DeclaredTypes(file.Code).Any(fixtures.Contains) && file.Code.Contains("SyntheticModelPresets.Tiny", StringComparison.Ordinal))
            .Select(file => file.RelativePath)
            .ToArray();

        Assert.Equal([Path.Combine(SupportFolder, "TinySyntheticModel.cs")], tinyFixtures);
    }

    private static IEnumerable<(string Folder, string RelativePath, string Code)> TestFiles() =>
        Directory.EnumerateFiles(TestsFolder, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(TestsFolder, path))
            .Where(relative => relative.Split(Path.DirectorySeparatorChar) is [not ("obj" or "bin"), _, ..])
            .Select(relative => (relative.Split(Path.DirectorySeparatorChar)[0], relative, CSharpCode.Of(File.ReadAllText(Path.Combine(TestsFolder, relative)))));

    private static IEnumerable<string> DeclaredTypes(string code) => TypeDeclaration().Matches(code).Select(m => m.Groups["name"].Value);

    [GeneratedRegex(@"^(?:public |internal )?(?:sealed |static |abstract )*(?:partial )?(?:class|record|struct|interface|enum)\s+(?<name>\w+)", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"IClassFixture<(?<type>\w+)>")]
    private static partial Regex ClassFixture();
}
