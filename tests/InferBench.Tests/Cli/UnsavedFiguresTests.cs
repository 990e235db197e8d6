using System.Text.Json;
using InferBench.Cli;
using InferBench.Reports;
using InferBench.Results;
using InferBench.Synthetic;
using InferBench.Tests.Support;

namespace InferBench.Tests.Cli;

/// <summary>A measured row or load point whose save finds the disk full is printed on stderr, figures and run.json entry, so it is not lost.</summary>
public sealed class UnsavedFiguresTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _model;

    public UnsavedFiguresTests()
    {
        _model = _temp.Combine("tiny");
        SyntheticModelWriter.Write(SyntheticModelPresets.Tiny, _model);
    }

    public void Dispose() => _temp.Dispose();

    private string Results => _temp.Combine("results");

    /// <summary>Runs the command with a disk that is full from the <paramref name="failingRunJsonWrite"/>-th write of run.json on (1-based).</summary>
    private CliRun WithDiskFullFrom(int failingRunJsonWrite, params string[] args)
    {
        var runJsonWrites = 0;
        var output = new StringWriter();
        var error = new StringWriter();
        var io = new CliIo(output, error, Interactive: false)
        {
            WriteRunFile = (path, contents) =>
            {
                if (Path.GetFileName(path) == RunJson.FileName && ++runJsonWrites >= failingRunJsonWrite)
                    throw DiskFull.Exception();
                AtomicFile.WriteAllText(path, contents);
            },
        };
        var exitCode = InferBenchCli.Invoke(args, io);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public void A_run_whose_row_cannot_be_saved_prints_the_row_on_stderr_and_exits_1()
    {
        // The start and the first row save; the second row finds the disk full.
        var run = WithDiskFullFrom(3, "run", "--model-path", _model, "--prompt-tokens", "8,16", "--gen-tokens", "4", "--batch", "1",
            "--reps", "1", "--warmup", "0", "--threads", "1", "--power", "estimate", "--idle-seconds", "0", "--fidelity", "false", "--out", Results);

        Assert.Equal(ExitCodes.SomeRowsFailed, run.ExitCode);
        run.AssertNoStackTrace();
        Assert.Single(RunFolder.Read(Assert.Single(Directory.GetDirectories(Results))).Results);
        Assert.Contains("inferbench: these measured figures could not be saved (1 row); each follows with the entry run.json would hold for it:", run.Error, StringComparison.Ordinal);
        var lines = run.Error.Split('\n');
        var described = Array.FindIndex(lines, line => line.StartsWith("  tiny/local batch 1, prompt 16, gen 4: decode ", StringComparison.Ordinal));
        Assert.True(described >= 0, run.Error);
        Assert.Contains(" tok/s, TTFT ", lines[described], StringComparison.Ordinal);
        var row = JsonSerializer.Deserialize<ScenarioResult>(lines[described + 1].Trim(), RunJson.Options)!;
        Assert.Equal((16, ResultStatus.Ok), (row.PromptTokens, row.Status));
        Assert.NotNull(row.Metrics);
        Assert.Equal("estimated-cpu-tdp", row.Energy!.Source);
    }

    [Fact]
    public void A_run_whose_first_save_fails_prints_no_figures_as_none_were_measured()
    {
        var run = WithDiskFullFrom(1, "run", "--model-path", _model, "--prompt-tokens", "8", "--gen-tokens", "4", "--batch", "1",
            "--reps", "1", "--warmup", "0", "--threads", "1", "--power", "none", "--fidelity", "false", "--out", Results);

        Assert.Equal(ExitCodes.SomeRowsFailed, run.ExitCode);
        Assert.DoesNotContain("measured figures could not be saved", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_serve_whose_point_cannot_be_saved_prints_the_point_on_stderr_and_exits_1()
    {
        // The start and the first point save; the second point finds the disk full.
        var run = WithDiskFullFrom(3, "serve", "--model-path", _model, "--prompt-tokens", "8", "--gen-tokens", "4", "--threads", "1",
            "--concurrency", "1,2", "--requests", "2", "--warmup-requests", "0", "--power", "none", "--out", Results);

        Assert.Equal(ExitCodes.SomeRowsFailed, run.ExitCode);
        run.AssertNoStackTrace();
        Assert.Single(RunFolder.Read(Assert.Single(Directory.GetDirectories(Results))).Serving!);
        Assert.Contains("inferbench: these measured figures could not be saved (1 load point)", run.Error, StringComparison.Ordinal);
        var lines = run.Error.Split('\n');
        var described = Array.FindIndex(lines, line => line.StartsWith("  tiny/local concurrency 2: ", StringComparison.Ordinal));
        Assert.True(described >= 0, run.Error);
        Assert.Contains(" req/s, ", lines[described], StringComparison.Ordinal);
        var point = JsonSerializer.Deserialize<ServingPointResult>(lines[described + 1].Trim(), RunJson.Options)!;
        Assert.Equal((2, ResultStatus.Ok), (point.Load.Concurrency, point.Status));
        Assert.Equal(2, point.Metrics!.MeasuredRequests);
    }
}
