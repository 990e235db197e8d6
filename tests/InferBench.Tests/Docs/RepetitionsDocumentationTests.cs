using System.Globalization;
using InferBench.Statistics;
using InferBench.Tests.Support;

namespace InferBench.Tests.Docs;

/// <summary>The docs' account of --reps auto: its option defaults, its minimum count and the coverage the simulation gives.</summary>
public sealed class RepetitionsDocumentationTests
{
    private static readonly string Reference = File.ReadAllText(RepoRoot.Combine("docs", "cli.md"));

    private static readonly string Methods = File.ReadAllText(RepoRoot.Combine("docs", "methods.md"));

    [Theory]
    [InlineData("--target-ci", "2")]
    [InlineData("--max-reps", "50")]
    [InlineData("--max-seconds-per-point", "60")]
    [InlineData("--reps", "3")]
    public void The_options_table_gives_each_default_the_command_has(string option, string defaultValue)
    {
        var help = CliRun.Invoke("run", "--help").Out;

        Assert.Contains($"| `{option}` | `{defaultValue}` |", Reference);
        Assert.Matches($@"{option} <[^>]+>\s[\s\S]*?\[default: {defaultValue}\]", help);
    }

    [Fact]
    public void The_rule_names_its_minimum_count_and_the_simulated_coverage()
    {
        var rule = Methods[Methods.IndexOf("**The stopping rule**", StringComparison.Ordinal)..];
        var independent = StopRuleSimulation.RuleCoverage(0.0, StopRuleSimulation.IndependentSeed);
        var steadier = StopRuleSimulation.RuleCoverage(0.0, StopRuleSimulation.IndependentSeed, coefficientOfVariation: 0.03);
        var autocorrelated = StopRuleSimulation.RuleCoverage(0.5, StopRuleSimulation.AutocorrelatedSeed);
        var naive = StopRuleSimulation.NaiveCoverage(0.5, StopRuleSimulation.AutocorrelatedSeed);

        Assert.Contains($"before **{RepetitionStopRule.DefaultMinimumCount}** repetitions", rule);
        Assert.Contains($"**{Percent(independent.Coverage)}** of trials", rule);
        Assert.Contains($"({Whole(independent.Precise)}% of them stop precise; {Whole(steadier.Precise)}% at 3% CV)", rule);
        Assert.Contains($"**{Percent(autocorrelated.Coverage)}** with AR(1)", rule);
        Assert.Contains($"({Whole(autocorrelated.NoInterval)}% of them end with no interval", rule);
        Assert.Contains($"covers **{Percent(naive)}** in the AR(1) case", rule);
    }

    private static string Whole(double fraction) => Math.Round(fraction * 100).ToString(CultureInfo.InvariantCulture);

    private static string Percent(double fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
