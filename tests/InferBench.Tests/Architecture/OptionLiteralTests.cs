using System.Text.RegularExpressions;
using InferBench.Tests.Support;

namespace InferBench.Tests.Architecture;

/// <summary>
/// The library names configuration fields, never the command line's options: the CLI maps fields to options
/// (Cli/OptionNames.cs), so an option renamed there cannot leave a stale name in a library message.
/// </summary>
public sealed partial class OptionLiteralTests
{
    private static readonly string LibraryFolder = RepoRoot.Combine("src", "InferBench");

    /// <summary>Literals that look like options but are another program's command line, each with why it may stay.</summary>
    private static readonly Dictionary<string, string> Allowed = new()
    {
        { "\"--query-gpu=name,driver_version --format=csv,noheader\"", "nvidia-smi's own options (Telemetry/HostFactsProbe.cs), not ours" },
        { "\"--chunks\"", "llama.cpp's llama-perplexity option the llama.cpp quality table names (Reports/QualityTable.cs), not ours" },
    };

    [Fact]
    public void No_string_literal_of_the_library_names_a_command_line_option()
    {
        var found = Directory.EnumerateFiles(LibraryFolder, "*.cs", SearchOption.AllDirectories)
            .Where(path => Path.GetRelativePath(LibraryFolder, path).Split(Path.DirectorySeparatorChar)[0] is not ("obj" or "bin"))
            .SelectMany(path => CSharpCode.StringLiterals(File.ReadAllText(path))
                .Where(literal => OptionLike().IsMatch(literal.Text) && !Allowed.ContainsKey(literal.Text))
                .Select(literal => $"{Path.GetRelativePath(LibraryFolder, path)}:{literal.Line}: {literal.Text}"))
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.True(found.Length == 0, $"option names in library literals (name the field; the CLI maps it):\n{string.Join("\n", found)}");
    }

    [Fact]
    public void Literals_are_found_in_every_form_and_only_there()
    {
        const string source = "// \"--in-a-comment\"\nvar a = \"--plain\";\n/* \"--block\" */ var b = $\"x {y} --interpolated\";\nvar c = @\"--verbatim\"; var d = \"a--b ---- <!-- x -->\";\n"
            + "var e = $\"{(f ? $\"--nested {g}\" : \"h\")}\"; var css = \":root{--muted:#555} a{color:var(--line)}\";";

        var literals = CSharpCode.StringLiterals(source).Where(l => OptionLike().IsMatch(l.Text)).ToArray();

        Assert.Equal([(2, "\"--plain\""), (3, "$\"x {y} --interpolated\""), (4, "@\"--verbatim\""), (5, "$\"{(f ? $\"--nested {g}\" : \"h\")}\"")], literals);
    }

    /// <summary><c>--name</c>, but not a CSS custom property (<c>--name:</c>, <c>var(--name)</c>) nor dashes inside a word.</summary>
    [GeneratedRegex(@"(?<![\w-]|var\()--[a-z](?>[a-z0-9-]*)(?!:)")]
    private static partial Regex OptionLike();
}
