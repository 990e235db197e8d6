using InferBench.Tests.Support;

namespace InferBench.Tests.Docs;

/// <summary>docs/cli.md, docs/methods.md and results/README.md say what --rounds does and where the drift between rounds is shown.</summary>
public sealed class RoundsDocumentationTests
{
    [Fact]
    public void The_docs_give_the_rounds_option_its_default_range_and_reverse_order()
    {
        var readme = File.ReadAllText(RepoRoot.Combine("docs", "methods.md"));

        Assert.Contains("| `--rounds` | `1` |", File.ReadAllText(RepoRoot.Combine("docs", "cli.md")), StringComparison.Ordinal);
        Assert.Contains("| `--rounds` | sweep the variants this many times, 1 to 100, even rounds in reverse variant order;", readme, StringComparison.Ordinal);
        Assert.Contains("- **Drift between rounds** (`--rounds N`)", readme, StringComparison.Ordinal);
        Assert.Contains("at 1 - 5% / the number of differences (Bonferroni)", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Results_readme_documents_the_round_of_each_row_and_the_drift_in_run_json_and_the_reports()
    {
        var format = File.ReadAllText(RepoRoot.Combine("results", "README.md"));

        Assert.Contains("One row per model x variant x plan point and round", format, StringComparison.Ordinal);
        foreach (var name in new[] { "`plan.rounds`", "`round`", "`drift`", "`largerThanNoise`", "`differences`", "`runConfidenceLevel`", "`flagsRun`", "**Drift between\n  rounds**", "**Drift:**" })
            Assert.Contains(name, format, StringComparison.Ordinal);
        Assert.Contains("A run of several rounds is compared on its round 1 rows", format, StringComparison.Ordinal);
    }
}
