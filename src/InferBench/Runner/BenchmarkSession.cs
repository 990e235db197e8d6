using InferBench.Engines;
using InferBench.Fetch;
using InferBench.Fidelity;
using InferBench.Results;
using InferBench.Statistics;
using InferBench.Telemetry;
using InferBench.Telemetry.Power;

namespace InferBench.Runner;

/// <summary>
/// One run, from its checked <see cref="RunConfiguration"/> and its targets to the saved <see cref="RunResult"/>: the power
/// meter and its idle baselines, the sweep (saved after every row), the fidelity pass, and the run's final state.
/// <see cref="Start"/> opens the meter; <see cref="Run"/> measures and saves. Messages for the person running it go to <c>note</c>.
/// </summary>
public sealed class BenchmarkSession : IDisposable
{
    private readonly RunConfiguration _configuration;
    private readonly IRunStore _store;
    private readonly Action<string> _note;
    private readonly IReadOnlyList<ExecutionProvider> _runnable;
    private readonly PowerMeter? _meter;
    private RunResult? _lastGood;

    private BenchmarkSession(RunConfiguration configuration, IRunStore store, Action<string> note, IReadOnlyList<ExecutionProvider> runnable, PowerMeter? meter)
    {
        _configuration = configuration;
        _store = store;
        _note = note;
        _runnable = runnable;
        _meter = meter;
    }

    /// <summary>Why no power source could be opened for a run that asked for one; null when one was (or none was asked for).</summary>
    public string? PowerUnavailableReason => _meter is { Selection.Source: null } ? _meter.Selection.UnavailableReason : null;

    private bool MeasuringPower => _meter?.Selection.Source is not null;

    /// <summary>Opens the power meter the configuration asks for; nothing is saved or measured yet.</summary>
    public static BenchmarkSession Start(RunConfiguration configuration, IRunStore store, Action<string> note)
    {
        var (plan, power, host) = (configuration.Plan, configuration.Power, configuration.Host);
        var runnable = ExecutionProviderChoice.RunnableHere(BuildFlavour.IsCuda, nvidiaGpu: host.Gpus.Count > 0);
        var meter = power.Source == PowerSourceChoice.None
            ? null
            : PowerMeter.Start(power.Source, PowerOptions.FromEnvironment(host, power.Cpu, ProviderOptionParser.CudaDeviceOf(plan)), new PowerMeterOptions(),
                PowerSources.AutoOrderFor(runnable.Contains(ExecutionProvider.Cuda) ? plan.ExecutionProvider : ExecutionProvider.Cpu));
        return new BenchmarkSession(configuration, store, note, runnable, meter);
    }

    /// <summary>
    /// Measures idle power, sweeps <paramref name="targets"/> over the plan (saving after each row), measures fidelity,
    /// measures idle power again, and saves the finished run. A signal on <paramref name="cancellation"/> stops after the
    /// current repetition (an idle measurement or a model build at once) and the run is saved as cancelled.
    /// </summary>
    /// <param name="showProgress">Runs the sweep it is given with a progress display of the front end's choice.</param>
    public RunOutcome Run(IReadOnlyList<BenchmarkTarget> targets, Action<Action<IRunProgress>> showProgress, CancellationToken cancellation)
    {
        var idleBefore = MeasureIdle("before", cancellation);
        var run = Started(idleBefore);
        _lastGood = run;
        try
        {
            Save(run);
            var rows = Sweep(run, targets, idleBefore, showProgress, cancellation);
            (rows, run) = WithQuality(run, rows, targets, cancellation);
            Save(Finished(run, rows, idleBefore, cancellation));
        }
        catch (RunSaveException e)
        {
            return StopIncomplete(_lastGood, e, cancellation.IsCancellationRequested);
        }
        return new RunOutcome(_lastGood, _lastGood.Cancelled, SaveFailed: false);
    }

    /// <summary>Idle power before or after the sweep; null when the run measures no power or no idle.</summary>
    private PowerWindowResult? MeasureIdle(string when, CancellationToken cancellation)
    {
        var idle = _configuration.Power.Idle;
        if (!MeasuringPower || idle <= TimeSpan.Zero)
            return null;
        var window = _meter!.MeasureIdle(idle, cancellation);
        if (cancellation.IsCancellationRequested)
            _note(FormattableString.Invariant(
                $"Idle measurement {when} the sweep stopped after {window.Duration.TotalSeconds:0.0#} of {idle.TotalSeconds:0.##} s; run.json records the seconds it lasted."));
        return window;
    }

    private RunResult Started(PowerWindowResult? idleBefore) => new()
    {
        RunId = _store.RunId,
        StartedUtc = _configuration.Output.StartedUtc,
        CommandLine = _configuration.Output.CommandLine,
        Plan = _configuration.Plan,
        Host = _configuration.Host,
        Software = SoftwareVersionsProbe.Read(),
        Power = _meter is null ? null : PowerSetupOf(_meter, idleBefore, idleAfter: null),
        Cost = _configuration.Cost,
        Shard = _configuration.Output.Shard,
        State = RunState.InProgress,
    };

    /// <summary>The sweep's rows, each saved with those before it as it is measured.</summary>
    private IReadOnlyList<ScenarioResult> Sweep(RunResult run, IReadOnlyList<BenchmarkTarget> targets, PowerWindowResult? idleBefore,
        Action<Action<IRunProgress>> showProgress, CancellationToken cancellation)
    {
        var energy = MeasuringPower ? new SweepEnergy(_meter!, idleBefore is null ? null : new IdleBaseline(idleBefore, null)) : null;
        var rows = new List<ScenarioResult>();
        showProgress(progress => new SweepRunner(_configuration.Plan, _configuration.Engine, progress, row =>
        {
            rows.Add(row);
            Save(run with { Results = rows.ToArray() });
        }, energy, _runnable).Run(targets, cancellation));
        return rows.ToArray();
    }

    /// <summary>The rows with their quality, and the run with the text it was measured on, when the run measures quality and was not stopped.</summary>
    private (IReadOnlyList<ScenarioResult> Rows, RunResult Run) WithQuality(RunResult run, IReadOnlyList<ScenarioResult> rows,
        IReadOnlyList<BenchmarkTarget> targets, CancellationToken cancellation)
    {
        if (!_configuration.Quality.Measured || cancellation.IsCancellationRequested)
            return (rows, run);
        var (measured, evaluationText) = FidelitySweep.Attach(rows, targets, _configuration.Plan, _configuration.Engine, LoadQualityText, _note, cancellation);
        return (measured, run with { EvaluationText = evaluationText });
    }

    /// <summary>The run as it ends, with idle power measured after the sweep unless it was stopped.</summary>
    private RunResult Finished(RunResult run, IReadOnlyList<ScenarioResult> rows, PowerWindowResult? idleBefore, CancellationToken cancellation)
    {
        var idleAfter = cancellation.IsCancellationRequested ? null : MeasureIdle("after", cancellation);
        var cancelled = cancellation.IsCancellationRequested;
        return run with
        {
            Power = _meter is null ? null : PowerSetupOf(_meter, idleBefore, idleAfter),
            Results = rows,
            FinishedUtc = DateTimeOffset.UtcNow,
            Cancelled = cancelled,
            State = cancelled ? RunState.Cancelled : RunState.Complete,
        };
    }

    /// <summary>Writes <paramref name="next"/> with the drift between the rounds measured so far, and keeps it as the last good save.</summary>
    /// <exception cref="RunSaveException">The run folder could not be written.</exception>
    private void Save(RunResult next)
    {
        next = next with { Drift = RoundDriftCalculator.Of(next.Results, _configuration.Plan.Rounds) };
        try
        {
            _store.WriteAll(next);
        }
        catch (Exception e) when (FileSystemProblem.IsFileSystemFailure(e))
        {
            throw new RunSaveException(_store.FullPath, e);
        }
        _lastGood = next;
    }

    public void Dispose() => _meter?.Dispose();

    /// <summary>The plan's quality text, else WikiText-2 from the fetch cache (read only once a model with a tokenizer needs it).</summary>
    private EvaluationText LoadQualityText() =>
        _configuration.Quality.Text ?? EvaluationTexts.FromCache(HubDataset.WikiText2Test, _configuration.Quality.TextCache ?? FetchCache.FromEnvironment());

    /// <summary>
    /// A save failed: the run stops, its files keep the last good save, and run.json is marked incomplete. When even
    /// that cannot be written, run.json keeps saying in-progress, which report and compare also show as partial.
    /// </summary>
    private RunOutcome StopIncomplete(RunResult lastGood, RunSaveException failure, bool cancelled)
    {
        _note($"inferbench: {failure.Message}");
        var marked = lastGood with { State = RunState.Incomplete, FinishedUtc = DateTimeOffset.UtcNow };
        var location = _store.FullPath;
        try
        {
            _store.WriteRunJson(marked);
            _note($"The run stopped; {location} holds the last good save ({lastGood.Results.Count} rows), marked incomplete.");
        }
        catch (Exception e) when (FileSystemProblem.IsFileSystemFailure(e))
        {
            _note($"The run stopped; {location} holds the last good save ({lastGood.Results.Count} rows), "
                + $"but it could not be marked incomplete either ({e.Message}): its run.json still says in-progress, which also reads as partial.");
            return new RunOutcome(lastGood, cancelled, SaveFailed: true);
        }
        try
        {
            _store.WriteReports(marked);
        }
        catch (Exception e) when (FileSystemProblem.IsFileSystemFailure(e))
        {
            _note($"The reports were not rewritten ({e.Message}); `inferbench report {location}` renders them once there is room.");
        }
        return new RunOutcome(marked, cancelled, SaveFailed: true);
    }

    private PowerSetup PowerSetupOf(PowerMeter meter, PowerWindowResult? idleBefore, PowerWindowResult? idleAfter)
    {
        var idle = _configuration.Power.Idle;
        var source = meter.Selection.Source;
        return new PowerSetup(
            JsonEnumName.Of(meter.Selection.Label),
            source?.Method ?? "none",
            source?.Notes ?? [],
            meter.Selection.UnavailableReason,
            idle.TotalSeconds,
            idleBefore?.AveragePower?.Watts,
            idleAfter?.AveragePower?.Watts,
            source is null ? [] : meter.Snapshot().Select(d => d.Device.Name).ToArray(),
            idleBefore?.Duration.TotalSeconds,
            idleAfter?.Duration.TotalSeconds);
    }
}
