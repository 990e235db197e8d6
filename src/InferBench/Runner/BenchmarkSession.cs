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
    private readonly RunRecorder _recorder;
    private readonly Action<string> _note;
    private readonly IReadOnlyList<ExecutionProvider> _runnable;
    private readonly PowerMeter? _meter;

    private BenchmarkSession(RunConfiguration configuration, IRunStore store, Action<string> note, IReadOnlyList<ExecutionProvider> runnable, PowerMeter? meter)
    {
        _configuration = configuration;
        _recorder = new RunRecorder(store, note);
        _note = note;
        _runnable = runnable;
        _meter = meter;
    }

    /// <summary>Why no power source could be opened for a run that asked for one; null when one was (or none was asked for).</summary>
    public string? PowerUnavailableReason => SessionPower.UnavailableReason(_meter);

    private bool MeasuringPower => _meter?.Selection.Source is not null;

    /// <summary>Opens the power meter the configuration asks for; nothing is saved or measured yet.</summary>
    public static BenchmarkSession Start(RunConfiguration configuration, IRunStore store, Action<string> note)
    {
        var runnable = ExecutionProviderChoice.RunnableHere(BuildFlavour.IsCuda, nvidiaGpu: configuration.Host.Gpus.Count > 0);
        var meter = SessionPower.Open(configuration.Power, configuration.Plan, configuration.Host, runnable);
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
        var run = _recorder.Started(_configuration.Output, _configuration.Plan, _configuration.Host,
            _meter is null ? null : PowerSetupOf(_meter, idleBefore, idleAfter: null), _configuration.Cost);
        try
        {
            Save(run);
            var rows = Sweep(run, targets, idleBefore, showProgress, cancellation);
            (rows, run) = WithQuality(run, rows, targets, cancellation);
            Save(Finished(run, rows, idleBefore, cancellation));
        }
        catch (RunSaveException e)
        {
            return _recorder.StopIncomplete(e, cancellation.IsCancellationRequested);
        }
        return new RunOutcome(_recorder.LastGood, _recorder.LastGood.Cancelled, SaveFailed: false);
    }

    /// <summary>Idle power before or after the sweep; null when the run measures no power or no idle.</summary>
    private PowerWindowResult? MeasureIdle(string when, CancellationToken cancellation)
    {
        var idle = _configuration.Power.Idle;
        if (!MeasuringPower || idle <= TimeSpan.Zero)
            return null;
        _note(FormattableString.Invariant($"Measuring idle power {when} the sweep for {idle.TotalSeconds:0.##} s (a signal stops it at once)."));
        var window = _meter!.MeasureIdle(idle, cancellation);
        if (cancellation.IsCancellationRequested)
            _note(FormattableString.Invariant(
                $"Idle measurement {when} the sweep stopped after {window.Duration.TotalSeconds:0.0#} of {idle.TotalSeconds:0.##} s; run.json records the seconds it lasted."));
        return window;
    }

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
        return RunRecorder.Finished(run with
        {
            Power = _meter is null ? null : PowerSetupOf(_meter, idleBefore, idleAfter),
            Results = rows,
        }, cancellation.IsCancellationRequested);
    }

    /// <summary>Writes <paramref name="next"/> with the drift between the rounds measured so far, and keeps it as the last good save.</summary>
    /// <exception cref="RunSaveException">The run folder could not be written.</exception>
    private void Save(RunResult next) => _recorder.Save(next with { Drift = RoundDriftCalculator.Of(next.Results, _configuration.Plan.Rounds) });

    public void Dispose() => _meter?.Dispose();

    /// <summary>The plan's quality text, else WikiText-2 from the fetch cache (read only once a model with a tokenizer needs it).</summary>
    private EvaluationText LoadQualityText() =>
        _configuration.Quality.Text ?? EvaluationTexts.FromCache(HubDataset.WikiText2Test, _configuration.Quality.TextCache ?? FetchCache.FromEnvironment());

    private PowerSetup PowerSetupOf(PowerMeter meter, PowerWindowResult? idleBefore, PowerWindowResult? idleAfter) =>
        SessionPower.Setup(meter, _configuration.Power.Idle, idleBefore, idleAfter);
}
