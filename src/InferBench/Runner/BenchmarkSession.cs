using InferBench.Engines;
using InferBench.Fetch;
using InferBench.Fidelity;
using InferBench.Results;
using InferBench.Statistics;
using InferBench.Telemetry;
using InferBench.Telemetry.Power;

namespace InferBench.Runner;

/// <summary>
/// One run, from a checked setup and its targets to the saved <see cref="RunResult"/>: the power meter and its idle
/// baselines, the sweep (saved after every row), the fidelity pass, and the run's final state. <see cref="Start"/> opens
/// the meter; <see cref="Run"/> measures and saves. Messages for the person running it go to <c>note</c>.
/// </summary>
public sealed class BenchmarkSession : IDisposable
{
    private readonly BenchmarkSessionSetup _setup;
    private readonly IRunStore _store;
    private readonly Action<string> _note;
    private readonly IReadOnlyList<ExecutionProvider> _runnable;
    private readonly PowerMeter? _meter;
    private readonly EvaluationText? _qualityText;

    private BenchmarkSession(BenchmarkSessionSetup setup, IRunStore store, Action<string> note, IReadOnlyList<ExecutionProvider> runnable, PowerMeter? meter,
        EvaluationText? qualityText)
    {
        _setup = setup;
        _qualityText = qualityText;
        _store = store;
        _note = note;
        _runnable = runnable;
        _meter = meter;
    }

    /// <summary>Why no power source could be opened for a run that asked for one; null when one was (or none was asked for).</summary>
    public string? PowerUnavailableReason => _meter is { Selection.Source: null } ? _meter.Selection.UnavailableReason : null;

    /// <summary>Checks the plan, reads the --quality-text file, and opens the power meter; nothing is saved or measured yet.</summary>
    /// <exception cref="InputFieldException">The plan is out of range (see <see cref="RunPlanPoints.Validate"/>), or the quality text file cannot be read as UTF-8 text.</exception>
    public static BenchmarkSession Start(BenchmarkSessionSetup setup, IRunStore store, Action<string> note)
    {
        var plan = setup.Plan;
        RunPlanPoints.Validate(plan, Environment.ProcessorCount);
        var qualityText = setup.QualityText ?? (plan.QualityText is { } path ? EvaluationTexts.FromFile(path, nameof(RunPlanRecord.QualityText)) : null);
        var runnable = ExecutionProviderChoice.RunnableHere(BuildFlavour.IsCuda, nvidiaGpu: setup.Host.Gpus.Count > 0);
        var meter = setup.Power == PowerSourceChoice.None
            ? null
            : PowerMeter.Start(setup.Power, PowerOptions.FromEnvironment(setup.Host, setup.Cpu, ProviderOptionParser.CudaDeviceOf(plan)), new PowerMeterOptions(),
                PowerSources.AutoOrderFor(runnable.Contains(ExecutionProvider.Cuda) ? plan.ExecutionProvider : ExecutionProvider.Cpu));
        return new BenchmarkSession(setup, store, note, runnable, meter, qualityText);
    }

    /// <summary>
    /// Measures idle power, sweeps <paramref name="targets"/> over the plan (saving after each row), measures fidelity,
    /// measures idle power again, and saves the finished run. A signal on <paramref name="cancellation"/> stops after the
    /// current repetition (an idle measurement or a model build at once) and the run is saved as cancelled.
    /// </summary>
    /// <param name="showProgress">Runs the sweep it is given with a progress display of the front end's choice.</param>
    public RunOutcome Run(IReadOnlyList<BenchmarkTarget> targets, Action<Action<IRunProgress>> showProgress, CancellationToken cancellation)
    {
        var plan = _setup.Plan;
        var idle = _setup.Idle;
        var measuring = _meter?.Selection.Source is not null;
        PowerWindowResult? MeasureIdle(string when)
        {
            var window = _meter!.MeasureIdle(idle, cancellation);
            if (cancellation.IsCancellationRequested)
                _note(FormattableString.Invariant(
                    $"Idle measurement {when} the sweep stopped after {window.Duration.TotalSeconds:0.0#} of {idle.TotalSeconds:0.##} s; run.json records the seconds it lasted."));
            return window;
        }
        var idleBefore = measuring && idle > TimeSpan.Zero ? MeasureIdle("before") : null;
        var energy = measuring ? new SweepEnergy(_meter!, idleBefore is null ? null : new IdleBaseline(idleBefore, null)) : null;
        var run = new RunResult
        {
            RunId = _store.RunId,
            StartedUtc = _setup.StartedUtc,
            CommandLine = _setup.CommandLine,
            Plan = plan,
            Host = _setup.Host,
            Software = SoftwareVersionsProbe.Read(),
            Power = _meter is null ? null : PowerSetupOf(_meter, idle, idleBefore, idleAfter: null),
            Cost = _setup.Cost,
            Shard = _setup.Shard,
            State = RunState.InProgress,
        };
        var rows = new List<ScenarioResult>();
        var saved = run;
        // Every save carries the drift between the rounds measured so far.
        void Save(RunResult next)
        {
            next = next with { Drift = RoundDriftCalculator.Of(next.Results, plan.Rounds) };
            try
            {
                _store.WriteAll(next);
            }
            catch (Exception e) when (FileSystemProblem.IsFileSystemFailure(e))
            {
                throw new RunSaveException(_store.FullPath, e);
            }
            saved = next;
        }

        try
        {
            Save(run);
            showProgress(progress => new SweepRunner(plan, InferenceEngines.Default, progress, row =>
            {
                rows.Add(row);
                Save(run with { Results = rows.ToArray() });
            }, energy, _runnable).Run(targets, cancellation));
        }
        catch (RunSaveException e)
        {
            return StopIncomplete(saved, e, cancellation.IsCancellationRequested);
        }

        IReadOnlyList<ScenarioResult> results = rows.ToArray();
        if (_setup.Fidelity && !cancellation.IsCancellationRequested)
        {
            (results, var evaluationText) = FidelitySweep.Attach(results, targets, plan, InferenceEngines.Default, LoadQualityText, _note, cancellation);
            run = run with { EvaluationText = evaluationText };
        }

        var idleAfter = measuring && idle > TimeSpan.Zero && !cancellation.IsCancellationRequested ? MeasureIdle("after") : null;
        if (_meter is not null)
            run = run with { Power = PowerSetupOf(_meter, idle, idleBefore, idleAfter) };
        var cancelled = cancellation.IsCancellationRequested;
        var finished = run with
        {
            Results = results,
            FinishedUtc = DateTimeOffset.UtcNow,
            Cancelled = cancelled,
            State = cancelled ? RunState.Cancelled : RunState.Complete,
        };
        try
        {
            Save(finished);
        }
        catch (RunSaveException e)
        {
            return StopIncomplete(saved, e, cancellation.IsCancellationRequested);
        }
        return new RunOutcome(saved, cancelled, SaveFailed: false);
    }

    public void Dispose() => _meter?.Dispose();

    /// <summary>--quality-text, else WikiText-2 from the fetch cache (read only once a model with a tokenizer needs it).</summary>
    private EvaluationText LoadQualityText() =>
        _qualityText ?? EvaluationTexts.FromCache(HubDataset.WikiText2Test, _setup.TextCache ?? FetchCache.FromEnvironment());

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

    private static PowerSetup PowerSetupOf(PowerMeter meter, TimeSpan idle, PowerWindowResult? idleBefore, PowerWindowResult? idleAfter)
    {
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
