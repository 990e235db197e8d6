using System.Text.RegularExpressions;
using InferBench.Cost.Model;
using InferBench.Tests.Support;

namespace InferBench.Tests.Cost;

/// <summary>The cost concern is one folder, split into the parts its README describes, and depends on nothing above it.</summary>
public sealed partial class CostLayoutTests
{
    private static readonly string CostFolder = RepoRoot.Combine("src", "InferBench", "Cost");

    [Fact]
    public void Cost_uses_neither_reports_nor_the_cli()
    {
        var upward = Directory.EnumerateFiles(CostFolder, "*.cs", SearchOption.AllDirectories)
            .Where(file => UpwardReference().IsMatch(File.ReadAllText(file)))
            .Select(file => Path.GetRelativePath(CostFolder, file));

        Assert.Empty(upward);
    }

    [Theory]
    [InlineData("RunPricing")]
    [InlineData("RowCost")]
    public void Pricing_a_run_lives_beside_the_cost_model(string type)
    {
        Assert.NotNull(typeof(CostModel).Assembly.GetType($"InferBench.Cost.Runs.{type}"));
        Assert.True(File.Exists(Path.Combine(CostFolder, "Runs", type + ".cs")), $"{type}.cs is not in Cost/Runs");
    }

    [Fact]
    public void Every_cost_file_sits_in_a_sub_folder_whose_readme_section_names_it()
    {
        var readme = File.ReadAllText(Path.Combine(CostFolder, "README.md"));
        var sections = FolderHeading().Matches(readme).ToDictionary(
            heading => heading.Groups["folder"].Value,
            heading => SectionAfter(readme, heading));

        Assert.Equal(new[] { "README.md" }, Directory.GetFiles(CostFolder).Select(file => Path.GetFileName(file)));
        Assert.Equal(
            Directory.GetDirectories(CostFolder).Select(folder => Path.GetFileName(folder)).Order(StringComparer.Ordinal),
            sections.Keys.Order(StringComparer.Ordinal));
        foreach (var (folder, section) in sections)
        {
            var unnamed = Directory.GetFiles(Path.Combine(CostFolder, folder), "*.cs")
                .Select(file => Path.GetFileNameWithoutExtension(file))
                .Where(type => !section.Contains($"`{type}`", StringComparison.Ordinal));
            Assert.True(!unnamed.Any(), $"Cost/README.md's {folder}/ section does not name {string.Join(", ", unnamed)}");
        }
        Assert.Contains("## Where to add a new cost figure", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void No_source_file_names_a_folder_of_the_machine_it_was_written_on()
    {
        var machinePaths = Directory.EnumerateFiles(RepoRoot.Combine("src"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(file => MachinePath().IsMatch(File.ReadAllText(file)))
            .Select(file => Path.GetRelativePath(RepoRoot.Path, file));

        Assert.Empty(machinePaths);
    }

    private static string SectionAfter(string readme, Match heading)
    {
        var start = heading.Index + heading.Length;
        var next = readme.IndexOf("\n#", start, StringComparison.Ordinal);
        return readme[start..(next < 0 ? readme.Length : next)];
    }

    [GeneratedRegex(@"\bInferBench\.(Reports|Cli)\b")]
    private static partial Regex UpwardReference();

    [GeneratedRegex(@"^### (?<folder>\w+)/$", RegexOptions.Multiline)]
    private static partial Regex FolderHeading();

    [GeneratedRegex(@"(/work/|/home/|/Users/|[A-Z]:\\Users\\)")]
    private static partial Regex MachinePath();
}
