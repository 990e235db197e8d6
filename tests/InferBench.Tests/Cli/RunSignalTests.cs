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
    private static readonly TimeSpan IntoTheIdleMeasurement = TimeSpan.FromSeconds(1);
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

    /// <summary>The run folder appears just before the idle measurement starts; the signal comes a second later.</summary>
    private async Task WaitIntoTheIdleMeasurementAsync(Func<bool> ended)
    {
        var waited = Stopwatch.StartNew();
        while (!(Directory.Exists(Results) && Directory.GetDirectories(Results).Length == 1))
        {
            Assert.False(ended(), "the run ended before its idle measurement");
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the run folder did not appear");
            await Task.Delay(20);
        }
        await Task.Delay(IntoTheIdleMeasurement);
    }

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
        Assert.InRange(power.IdleSecondsBefore!.Value, IntoTheIdleMeasurement.TotalSeconds * 0.9, sinceStart.TotalSeconds);
        Assert.Null(power.IdleSecondsAfter);
        Assert.All(result.Results, row => Assert.Equal(ResultStatus.Skipped, row.Status));
    }

    [Fact]
    public async Task The_first_signal_stops_the_idle_measurement_and_run_json_records_the_seconds_it_lasted()
    {
        using var signal = new CancellationTokenSource();
        var sinceStart = Stopwatch.StartNew();

        var running = Task.Run(() => CliRun.Invoke(signal.Token, Args));
        await WaitIntoTheIdleMeasurementAsync(() => running.IsCompleted);
        signal.Cancel();
        var run = await running.WaitAsync(TimeSpan.FromSeconds(60));

        AssertStoppedDuringIdle(run, sinceStart.Elapsed);
    }

    [Fact]
    public async Task Ctrl_c_to_the_built_cli_stops_the_idle_measurement_the_same_way()
    {
        var sinceStart = Stopwatch.StartNew();
        using var child = ChildCli.Start(new Dictionary<string, string>(), Args);

        await WaitIntoTheIdleMeasurementAsync(() => child.HasExited);
        child.Signal("INT");
        var run = await child.ExitAsync();

        AssertStoppedDuringIdle(run, sinceStart.Elapsed);
    }
}
