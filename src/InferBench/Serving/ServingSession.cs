using InferBench.Engines;
using InferBench.Results;
using InferBench.Runner;
using InferBench.Telemetry;
using InferBench.Telemetry.Power;

namespace InferBench.Serving;

/// <summary>
/// One serving run (<c>serve</c>), from its checked <see cref="ServingConfiguration"/> and its targets to the saved
/// <see cref="RunResult"/>: the power meter, each target prepared as a static-batch run prepares it (built or imported on
/// first use) and served over the load plan by a <see cref="ServingSweep"/>, then its static baseline (the same request alone
/// on the static-batch engine), every finished point and row saved at once, and the run's final state. <see cref="Start"/> opens the meter; <see cref="Run"/> serves and saves.
/// </summary>
public sealed class ServingSession : IDisposable
{
    private readonly ServingConfiguration _configuration;
    private readonly RunRecorder _recorder;
    private readonly IReadOnlyList<ExecutionProvider> _runnable;
    private readonly PowerMeter? _meter;

    private ServingSession(ServingConfiguration configuration, IRunStore store, Action<string> note, IReadOnlyList<ExecutionProvider> runnable, PowerMeter? meter)
    {
        _configuration = configuration;
        _recorder = new RunRecorder(store, note);
        _runnable = runnable;
        _meter = meter;
    }

    /// <summary>Why no power source could be opened for a run that asked for one; null when one was (or none was asked for).</summary>
    public string? PowerUnavailableReason => SessionPower.UnavailableReason(_meter);

    /// <summary>Opens the power meter the configuration asks for (as a static-batch run does); nothing is saved or served yet.</summary>
    public static ServingSession Start(ServingConfiguration configuration, IRunStore store, Action<string> note)
    {
        var runnable = ExecutionProviderChoice.RunnableHere(BuildFlavour.IsCuda, nvidiaGpu: configuration.Host.Gpus.Count > 0);
        return new ServingSession(configuration, store, note, runnable, SessionPower.Open(configuration.Power, configuration.Plan, configuration.Host, runnable));
    }

    /// <summary>
    /// Serves <paramref name="targets"/> over the load plan, saving the run after every finished point, then saves the
    /// finished run. A signal on <paramref name="cancellation"/> cancels the requests in flight, keeps the points that
    /// finished (the interrupted one marked partial), and the run is saved as cancelled.
    /// </summary>
    /// <param name="pointFinished">Told of each point once it is saved, for progress.</param>
    public RunOutcome Run(IReadOnlyList<BenchmarkTarget> targets, Action<ServingPointResult> pointFinished, CancellationToken cancellation)
    {
        var power = _meter is null ? null : SessionPower.Setup(_meter, _configuration.Power.Idle, idleBefore: null, idleAfter: null);
        var run = _recorder.Started(_configuration.Output, _configuration.Plan, _configuration.Host, power, _configuration.Cost) with { Serving = [] };
        var points = new List<ServingPointResult>();
        var baselineRows = new List<ScenarioResult>();
        RunResult Current() => run with { Results = baselineRows.ToArray(), Serving = points.ToArray() };
        try
        {
            _recorder.Save(run);
            foreach (var target in targets.TakeWhile(_ => !cancellation.IsCancellationRequested))
            {
                Serve(target, point =>
                {
                    points.Add(point);
                    _recorder.Save(Current());
                    pointFinished(point);
                }, cancellation);
                MeasureStaticBaseline(target, row =>
                {
                    baselineRows.Add(row);
                    _recorder.Save(Current());
                }, cancellation);
            }
            _recorder.Save(RunRecorder.Finished(Current(), cancellation.IsCancellationRequested));
        }
        catch (RunSaveException e)
        {
            return _recorder.StopIncomplete(e, cancellation.IsCancellationRequested);
        }
        return new RunOutcome(_recorder.LastGood, _recorder.LastGood.Cancelled, SaveFailed: false);
    }

    /// <summary>One target: rows that say why where it cannot run; else prepared, on its provider, over every load point.</summary>
    private void Serve(BenchmarkTarget target, Action<ServingPointResult> emit, CancellationToken cancellation)
    {
        var plan = _configuration.Plan;
        var resolved = ExecutionProviderChoice.Resolve(plan.ExecutionProvider, target.ExecutionProviders, _runnable);
        // Rows written before the provider is known (--ep auto before genai_config.json is read) record what was asked.
        var asked = target with { ExecutionProvider = resolved ?? plan.ExecutionProvider };
        var prepared = TargetPreparation.Prepare(asked, resolved, refusal =>
            Sweep(asked.ExecutionProvider!.Value, point => emit(refusal.ExecutionProvider is { } provider ? point with { ExecutionProvider = provider } : point))
                .Refuse(ServingTargetOf(asked, vocabSize: 0), refusal.Status, refusal.Reason), cancellation);
        if (prepared is null)
            return;
        var ready = prepared.Target;
        Sweep(ready.ExecutionProvider!.Value, point => emit(WithNote(point, prepared.Note)))
            .Run([ServingTargetOf(ready, prepared.Info.VocabSize)], cancellation);
    }

    /// <summary>
    /// The same request alone on the static-batch engine (the plan's batch 1, where the lengths are fixed), so the report sets
    /// the load points beside what a static batch costs and concurrency 1 can be read against batch 1.
    /// </summary>
    private void MeasureStaticBaseline(BenchmarkTarget target, Action<ScenarioResult> rowFinished, CancellationToken cancellation)
    {
        if (_configuration.Plan.BatchSizes.Count == 0 || cancellation.IsCancellationRequested)
            return;
        new SweepRunner(_configuration.Plan, InferenceEngines.Default, SilentProgress.Instance, rowFinished, Energy, _runnable)
            .Run([target], cancellation);
    }

    private ServingSweep Sweep(ExecutionProvider executionProvider, Action<ServingPointResult> emit)
    {
        var plan = _configuration.Plan;
        return new ServingSweep(_configuration.Serving, plan.LatencyTargets ?? [], _configuration.Engine, executionProvider, plan.IntraOpThreads,
            plan.ProviderOptions, Energy, _meter?.Clock ?? new StopwatchClock(), emit, _configuration.FileLengths);
    }

    /// <summary>The meter for every point and row of the run, without an idle baseline (serve measures none); null without a source.</summary>
    private SweepEnergy? Energy => _meter?.Selection.Source is null ? null : new SweepEnergy(_meter, IdleBefore: null);

    private static ServingTarget ServingTargetOf(BenchmarkTarget target, int vocabSize) =>
        new(target.Model, target.Variant, target.Precision, target.FolderPath, vocabSize);

    /// <summary>A variant's standing note (such as a rebuilt derived folder) on each of its measured points.</summary>
    private static ServingPointResult WithNote(ServingPointResult point, string? note) =>
        note is null || point.Status != ResultStatus.Ok ? point : point with { Reason = point.Reason is null ? note : $"{note}; {point.Reason}" };

    public void Dispose() => _meter?.Dispose();

    /// <summary>The static baseline runs without progress lines of its own: its row is in the summary and the reports.</summary>
    private sealed class SilentProgress : IRunProgress
    {
        public static SilentProgress Instance { get; } = new();

        public void TargetStarted(BenchmarkTarget target, int points, bool atMost) { }

        public void PointStarted(BenchmarkTarget target, PlanPoint point, int repetitions) { }

        public void RepetitionFinished(RepetitionSample sample) { }

        public void RowFinished(ScenarioResult row) { }
    }
}
