using InferBench.Cli;
using InferBench.Tests.Support;
using static InferBench.Tests.Merge.MergeSamples;

namespace InferBench.Tests.Merge;

/// <summary>
/// <c>merge</c> never writes its files over a run it reads, and stops on the first signal without writing anything.
/// </summary>
public sealed class MergeOutputAndSignalTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string TwoRuns()
    {
        Write(_temp.Combine("runs", "a"), Run("20261201-100000-aaaaaa", L4, 0.98, Row(Llama, "cuda-fp16", 1, 40)));
        Write(_temp.Combine("runs", "b"), Run("20261201-100500-bbbbbb", H100, 98.32, Row(Llama, "cuda-fp16", 1, 150)));
        return _temp.Combine("runs");
    }

    [Theory]
    [InlineData("a")]
    [InlineData("a/merged")]
    public void An_out_folder_that_is_or_is_inside_an_input_run_is_refused_and_the_run_is_untouched(string outInsideRuns)
    {
        var runs = TwoRuns();
        var run = Path.Combine(runs, "a");
        var before = Directory.GetFiles(run).ToDictionary(path => Path.GetFileName(path), File.ReadAllText);
        var output = Path.GetFullPath(Path.Combine(runs, outInsideRuns));

        var merge = CliRun.Invoke("merge", runs, "--out", output);

        Assert.Equal(ExitCodes.BadInput, merge.ExitCode);
        Assert.Contains($"--out: {output} is or is inside the run folder {run}, one of the merge's inputs", merge.Error);
        Assert.Equal(before, Directory.GetFiles(run).ToDictionary(path => Path.GetFileName(path), File.ReadAllText));
        Assert.False(File.Exists(Path.Combine(output, "merged.json")));
    }

    [Fact]
    public void An_out_folder_beside_the_runs_in_the_folder_given_is_fine()
    {
        var runs = TwoRuns();

        var merge = CliRun.Invoke("merge", runs, "--out", Path.Combine(runs, "merged"));

        Assert.Equal(ExitCodes.AllOk, merge.ExitCode);
        Assert.True(File.Exists(Path.Combine(runs, "merged", "merged.json")));
    }

    [Fact]
    public void A_signal_stops_the_merge_before_it_writes_anything()
    {
        var runs = TwoRuns();
        using var signalled = new CancellationTokenSource();
        signalled.Cancel();

        var merge = CliRun.Invoke(signalled.Token, "merge", runs, "--out", _temp.Combine("merged"));

        Assert.Equal(ExitCodes.Cancelled, merge.ExitCode);
        Assert.Contains("merge stopped before writing anything", merge.Error);
        Assert.False(Directory.Exists(_temp.Combine("merged")));
    }
}
