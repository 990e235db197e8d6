using System.Text.RegularExpressions;
using InferBench.Tests.Support;

namespace InferBench.Tests.Docs;

/// <summary>Enum labels are written one way (<see cref="JsonEnumName"/>), and providers are compared as the enum, never as text.</summary>
public sealed partial class OneWayToNameTests
{
    private static IEnumerable<(string File, int Line, string Text)> SourceLines() =>
        Directory.EnumerateFiles(RepoRoot.Combine("src"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => File.ReadLines(file).Select((text, index) => (Path.GetRelativePath(RepoRoot.Path, file), index + 1, text)));

    [Fact]
    public void No_enum_label_is_written_by_lowercasing_its_name()
    {
        var lowercased = SourceLines()
            .Where(line => line.Text.Contains(".ToString().ToLowerInvariant()", StringComparison.Ordinal))
            // The OS architecture is .NET's own enum, which has no JSON names.
            .Where(line => !line.Text.Contains("RuntimeInformation.OSArchitecture", StringComparison.Ordinal))
            .Select(line => $"{line.File}:{line.Line}: {line.Text.Trim()}");

        Assert.Empty(lowercased);
    }

    [Fact]
    public void No_execution_provider_is_compared_as_text()
    {
        var compared = SourceLines()
            .Where(line => ProviderAsText().IsMatch(line.Text))
            .Select(line => $"{line.File}:{line.Line}: {line.Text.Trim()}");

        Assert.Empty(compared);
    }

    /// <summary>A provider's name as a literal in a comparison, a switch arm or an argument: <c>== "cpu"</c>, <c>"cuda" =&gt;</c>, <c>("cpu", ...</c>.</summary>
    [GeneratedRegex("""(==|!=)\s*"(cpu|cuda|auto)"|"(cpu|cuda|auto)"\s*(=>|==|!=)|\(\s*"(cpu|cuda)"\s*,""")]
    private static partial Regex ProviderAsText();
}
