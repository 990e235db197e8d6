using InferBench.Cli.Commands;
using InferBench.Reports;
using InferBench.Runner;
using InferBench.Tests.Support;

namespace InferBench.Tests.Docs;

/// <summary>README's walk through one run names the types a run really passes through, in the order it meets them.</summary>
public sealed class RunFlowDocumentationTests
{
    private static readonly Type[] RunPath =
    [
        typeof(RunCommand), typeof(InferBench.Configuration.RunInputs), typeof(InferBench.Configuration.RunConfigurationFactory),
        typeof(RunConfiguration), typeof(InferBench.Results.RunPlanRecord), typeof(TargetSelection),
        typeof(BenchmarkTarget), typeof(RunFolder), typeof(IRunStore), typeof(BenchmarkSession), typeof(SweepRunner),
        typeof(InferBench.Results.ScenarioResult), typeof(FidelitySweep), typeof(InferBench.Results.RunResult), typeof(RunOutcome),
    ];

    [Fact]
    public void The_readme_follows_one_run_through_the_types_it_passes()
    {
        var readme = File.ReadAllText(RepoRoot.Combine("README.md"));
        var start = readme.IndexOf("One run, from the command line to the files:", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no walk through one run");
        var walk = readme[start..readme.IndexOf("\n\n", start, StringComparison.Ordinal)];

        var positions = RunPath.Select(type => walk.IndexOf($"`{type.Name}`", StringComparison.Ordinal)).ToArray();

        Assert.All(RunPath.Zip(positions), pair => Assert.True(pair.Second >= 0, $"the walk does not name `{pair.First.Name}`"));
        Assert.Equal(positions.Order(), positions);
        Assert.True(typeof(IRunStore).IsAssignableFrom(typeof(RunFolder)));
    }
}
