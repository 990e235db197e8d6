using InferBench.Cli;
using InferBench.Tests.Support;

namespace InferBench.Tests.Merge;

/// <summary>How merge counts what it merged, in its summary and its report's title.</summary>
public sealed class MergeCountTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Merge_of_one_run_counts_it_in_the_singular()
    {
        var folder = MergeSamples.Write(_temp.Combine("runs", "20261201-100000-aaaaaa"),
            MergeSamples.Run("20261201-100000-aaaaaa", MergeSamples.L4, 0.98, MergeSamples.Row(MergeSamples.Llama, "cuda-fp16", 1, 40)));
        var merged = _temp.Combine("merged");

        var run = CliRun.Invoke("merge", folder, "--out", merged);

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        Assert.Contains($"Merged 1 run from 1 machine into {merged}", run.Out);
        Assert.StartsWith("# InferBench merge: 1 run from 1 machine\n", File.ReadAllText(Path.Combine(merged, "report.md")));
    }
}
