using InferBench.Tests.Support;

namespace InferBench.Tests.Cli;

/// <summary>The CLI parses options and renders; a run's pipeline lives in the library (Runner's BenchmarkSession).</summary>
public sealed class CliHoldsNoPipelineTests
{
    /// <summary>What only a run's orchestration uses: the sweep, idle baselines, the fidelity pass, assembling and saving the run,
    /// and turning a manifest into targets (with its synthetic build step).</summary>
    private static readonly string[] PipelineParts =
    [
        "SweepRunner", "SweepEnergy", "IdleBaseline", "MeasureIdle", "FidelitySweep", "new RunResult", "PowerSetup", "RunState.",
        "WriteAll(", "SyntheticTarget", "ModelPreparationException",
    ];

    [Fact]
    public void No_cli_source_file_orchestrates_a_run()
    {
        var cli = RepoRoot.Combine("src", "InferBench.Cli");
        var uses = Directory.EnumerateFiles(cli, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => PipelineParts
                .Where(part => File.ReadAllText(file).Contains(part, StringComparison.Ordinal))
                .Select(part => $"{Path.GetRelativePath(cli, file)} uses {part}"))
            .ToArray();

        Assert.Empty(uses);
    }
}
