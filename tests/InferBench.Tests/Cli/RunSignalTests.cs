using System.Diagnostics;
using InferBench.Cli;
using InferBench.Reports;
using InferBench.Results;
using InferBench.Synthetic;
using InferBench.Tests.Support;

namespace InferBench.Tests.Cli;

/// <summary>A signal during <c>inferbench run</c>'s 30-second idle measurement, on the tiny synthetic model.</summary>
public sealed class RunSignalTests : IDisposable
{
    private const double IdleSeconds = 30;
    /// <summary>What the run says as the idle measurement begins: the signal is sent once it has, however slow the machine.</summary>
    private const string IdleBegins = "Measuring idle power before the sweep for 30 s (a signal stops it at once).";
    private readonly TempFolder _temp = new();
    private readonly string _model;

    public RunSignalTests()
    {
        _model = _temp.Combine("tiny");
        SyntheticModelWriter.Write(SyntheticModelPresets.Tiny, _model);
    }

    public void Dispose() => _temp.Dispose();

    private string Results => _temp.Combine("results");

    private string[] Args =>
    [
        "run", "--model-path", _model, "--prompt-tokens", "8", "--gen-tokens", "4", "--batch", "1", "--warmup", "0", "--reps", "2",
        "--threads", "1", "--fidelity", "false", "--power", "estimate", "--idle-seconds", "30", "--out", Results,
    ];

    /// <summary>Exit 130, the message, and run.json recording the seconds the idle measurement really lasted.</summary>
    private void AssertStoppedDuringIdle(CliRun run, TimeSpan sinceStart)
    {
        Assert.True(run.ExitCode == ExitCodes.Cancelled, $"exit {run.ExitCode}: {run.Error}");
        Assert.Contains("Stopping after the current repetition (an idle measurement stops at once); results so far are kept (signal again to abort).", run.Error);
        Assert.Matches(@"Idle measurement before the sweep stopped after \d+\.\d\d? of 30 s; run\.json records the seconds it lasted\.", run.Error);
        var result = RunFolder.Read(Assert.Single(Directory.GetDirectories(Results)));
        Assert.True(result.Cancelled);
        var power = result.Power!;
        Assert.Equal(IdleSeconds, power.IdleSeconds);
        // Stopped after it began and long before its 30 s: the seconds it really lasted, not the 30 asked for.
        Assert.InRange(power.IdleSecondsBefore!.Value, double.Epsilon, Math.Min(sinceStart.TotalSeconds, IdleSeconds - 1));
        Assert.Null(power.IdleSecondsAfter);
        Assert.All(result.Results, row => Assert.Equal(ResultStatus.Skipped, row.Status));
    }

    [Fact]
    public async Task The_first_signal_stops_the_idle_measurement_and_run_json_records_the_seconds_it_lasted()
    {
        using var signal = new CancellationTokenSource();
        var sinceStart = Stopwatch.StartNew();

        var running = BackgroundCli.Start(signal.Token, Args);
        await running.WaitForErrorAsync(IdleBegins);
        signal.Cancel();
        var run = await running.Run.WaitAsync(TimeSpan.FromSeconds(60));

        AssertStoppedDuringIdle(run, sinceStart.Elapsed);
    }

    [Fact]
    public async Task Ctrl_c_to_the_built_cli_stops_the_idle_measurement_the_same_way()
    {
        var sinceStart = Stopwatch.StartNew();
        using var child = ChildCli.Start(new Dictionary<string, string>(), Args);

        await child.WaitForErrorAsync(IdleBegins);
        child.Signal("INT");
        var run = await child.ExitAsync();

        AssertStoppedDuringIdle(run, sinceStart.Elapsed);
    }
}
