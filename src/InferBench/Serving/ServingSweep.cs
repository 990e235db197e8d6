using System.Globalization;
using InferBench.Engines;
using InferBench.Results;
using InferBench.Runner;
using InferBench.Telemetry.Power;

namespace InferBench.Serving;

/// <summary>
/// Serves every target at every load point of the plan: closed-loop concurrencies (the list, then automatic doubling),
/// open-loop request rates (the list, then 50%, 90% and 150% of the target's best closed-loop request throughput). Each
/// finished point is handed to <c>emit</c> at once so it can be saved. A target the engine cannot load becomes rows that
/// say why (<see cref="FailureReasons"/>), and the sweep goes on; a cancelled run keeps what finished, its last point
/// marked partial, and stops. All engine calls come from the thread that calls <see cref="Run"/>.
/// </summary>
public sealed class ServingSweep
{
    /// <summary>Automatic request rates, as fractions of the best closed-loop request throughput: one well below, one near, one past saturation.</summary>
    public static IReadOnlyList<double> AutoRateFractions { get; } = [0.5, 0.9, 1.5];

    private readonly ServingPlanRecord _plan;
    private readonly IReadOnlyList<LatencyTarget> _latencyTargets;
    private readonly IServingEngine _engine;
    private readonly ExecutionProvider _executionProvider;
    private readonly int? _intraOpThreads;
    private readonly IReadOnlyList<ProviderOption>? _providerOptions;
    private readonly SweepEnergy? _energy;
    private readonly IMonotonicClock _clock;
    private readonly Action<ServingPointResult> _emit;
    private readonly IReadOnlyList<RequestLength>? _fromFile;

    /// <param name="latencyTargets">The run's <c>--slo</c> targets; empty: none (no goodput).</param>
    /// <param name="executionProvider">The CPU or CUDA.</param>
    /// <param name="energy">The meter and idle baseline; null: no energy figures.</param>
    /// <param name="clock">Times every request and step; the meter's own clock where there is a meter.</param>
    /// <param name="fileLengths">The lengths file's pairs (<see cref="LengthsFile.Lengths"/>), read once by whoever checked the plan,
    /// before a run folder exists; null unless the plan's lengths are from a file.</param>
    /// <exception cref="InputFieldException">A plan field is outside what it accepts.</exception>
    public ServingSweep(
        ServingPlanRecord plan, IReadOnlyList<LatencyTarget> latencyTargets, IServingEngine engine, ExecutionProvider executionProvider,
        int? intraOpThreads, IReadOnlyList<ProviderOption>? providerOptions, SweepEnergy? energy, IMonotonicClock clock, Action<ServingPointResult> emit,
        IReadOnlyList<RequestLength>? fileLengths = null)
    {
        ServingPlanRanges.Check(plan);
        _plan = plan;
        _latencyTargets = latencyTargets;
        _engine = engine;
        _executionProvider = executionProvider;
        _intraOpThreads = intraOpThreads;
        _providerOptions = providerOptions;
        _energy = energy;
        _clock = clock;
        _emit = emit;
        _fromFile = plan.Lengths.Kind != RequestLengths.FileKind ? null
            : fileLengths ?? throw new ArgumentException("a plan whose lengths are from a file needs the file's pairs", nameof(fileLengths));
    }

    public void Run(IReadOnlyList<ServingTarget> targets, CancellationToken cancellation)
    {
        foreach (var target in targets)
        {
            if (cancellation.IsCancellationRequested)
                return;
            RunTarget(target, cancellation);
        }
    }

    private void RunTarget(ServingTarget target, CancellationToken cancellation)
    {
        var loadWindow = _energy?.Meter.BeginWindow(PowerPhase.Load);
        IServingModel model;
        try
        {
            model = _engine.Load(target.FolderPath, _executionProvider, _intraOpThreads, _providerOptions,
                new ServingEngineSettings(_plan.MaxBatchSize, _plan.MaxScheduledTokens));
        }
        catch (EngineException e)
        {
            loadWindow?.End();
            var (status, reason) = FailureReasons.Classify(e, "loading the model for serving");
            EmitPlanned(target, status, reason, null);
            return;
        }
        var loadJoules = loadWindow?.End().Energy?.Joules;
        using (model)
            new TargetPoints(this, target, model, loadJoules).Run(cancellation);
    }

    /// <summary>Rows for a target that was never loaded (absent, not built for the provider, its folder not preparable), each saying why.</summary>
    public void Refuse(ServingTarget target, ResultStatus status, string reason) => EmitPlanned(target, status, reason, null);

    /// <summary>A row for each point the plan names, for a target that runs none: automatic concurrency and rates as one row each.</summary>
    private void EmitPlanned(ServingTarget target, ResultStatus status, string reason, ServingCapabilities? capabilities)
    {
        var loads = _plan.Concurrencies.Select(ServingLoad.Closed)
            .Concat(_plan.ConcurrencyAuto ? [ServingLoad.Closed(1)] : [])
            .Concat(_plan.RequestRatesPerSecond.Select(rate => ServingLoad.Open(rate)))
            .Concat(_plan.RequestRateAuto ? [ServingLoad.Open(null)] : []);
        foreach (var load in loads)
            _emit(Row(target, load, status, reason, capabilities));
    }

    private ServingPointResult Row(ServingTarget target, ServingLoad load, ResultStatus status, string? reason, ServingCapabilities? capabilities) => new()
    {
        Model = target.Model,
        Variant = target.Variant,
        Precision = target.Precision,
        ExecutionProvider = JsonEnumName.Of(_executionProvider),
        ModelPath = target.FolderPath,
        Load = load,
        Status = status,
        Reason = reason,
        Capabilities = capabilities,
    };

    /// <summary>One loaded target's points, in the plan's order; engine request ids run on from point to point.</summary>
    private sealed class TargetPoints(ServingSweep sweep, ServingTarget target, IServingModel model, double? loadJoules)
    {
        private readonly ServingCapabilities _capabilities = model.Capabilities;
        private readonly List<ServingPointResult> _closedLoop = [];
        private readonly string? _otherHardware = sweep._energy?.OtherHardwareThan(sweep._executionProvider);
        private int _nextRequestId;
        private bool _cancelled;

        public void Run(CancellationToken cancellation)
        {
            var plan = sweep._plan;
            if (Lengths().MostTotalTokens is var most && _capabilities.MaxRequestLength is { } limit && most > limit)
            {
                sweep.EmitPlanned(target, ResultStatus.Unsupported,
                    $"requests reach {most} tokens (prompt and output), more than the engine's maximum request length {limit}", _capabilities);
                return;
            }
            foreach (var concurrency in plan.Concurrencies.TakeWhile(_ => !Stopped(cancellation)))
                _closedLoop.Add(Emit(Measure(ServingLoad.Closed(concurrency), cancellation)));
            if (plan.ConcurrencyAuto && !Stopped(cancellation))
                DoubleConcurrency(cancellation);
            foreach (var rate in plan.RequestRatesPerSecond.TakeWhile(_ => !Stopped(cancellation)))
                Emit(Measure(ServingLoad.Open(rate), cancellation));
            if (plan.RequestRateAuto && !Stopped(cancellation))
                AutoRates(cancellation);
        }

        private bool Stopped(CancellationToken cancellation) => _cancelled || cancellation.IsCancellationRequested;

        /// <summary>Concurrency 1, 2, 4, ... until <see cref="ConcurrencyDoublingRule"/> stops, a point does not measure, or the run is cancelled.</summary>
        private void DoubleConcurrency(CancellationToken cancellation)
        {
            var goodput = new List<(int Concurrency, double RequestsPerSecond)>();
            for (var concurrency = 1; !Stopped(cancellation); concurrency *= 2)
            {
                var row = Measure(ServingLoad.Closed(concurrency), cancellation);
                _closedLoop.Add(row);
                if (_cancelled)
                {
                    Emit(row);
                    return;
                }
                BatchStop? stop;
                if (row.Metrics is { } metrics)
                {
                    goodput.Add((concurrency, metrics.GoodputRequestsPerSecond ?? metrics.RequestsPerSecond));
                    stop = ConcurrencyDoublingRule.Decide(goodput, row.Targets, _capabilities.EffectiveMaxBatchSize);
                }
                else
                {
                    stop = new BatchStop(BatchStopReason.Failed, $"concurrency {concurrency} is {JsonEnumName.Of(row.Status)}: {row.Reason}");
                }
                Emit(row with { ConcurrencyStop = stop });
                if (stop is not null)
                    return;
            }
        }

        /// <summary>50%, 90% and 150% of the best closed-loop request throughput; rows that say why where no closed-loop point measured.</summary>
        private void AutoRates(CancellationToken cancellation)
        {
            var best = _closedLoop.Where(r => r.Metrics is not null).Select(r => r.Metrics!.RequestsPerSecond).DefaultIfEmpty().Max();
            if (!(best > 0))
            {
                Emit(sweep.Row(target, ServingLoad.Open(null), ResultStatus.Skipped,
                    "automatic request rates are fractions of the best closed-loop throughput, and no closed-loop point of this variant was measured", _capabilities));
                return;
            }
            foreach (var fraction in AutoRateFractions.TakeWhile(_ => !Stopped(cancellation)))
                Emit(Measure(ServingLoad.Open(fraction * best), cancellation));
        }

        private ServingPointResult Emit(ServingPointResult row)
        {
            sweep._emit(row);
            return row;
        }

        /// <summary>The lengths from the start of their sequence, so every point serves the same requests.</summary>
        private RequestLengths Lengths() => new(sweep._plan.Lengths, sweep._plan.SharedPrefixTokens, sweep._plan.Seed, sweep._fromFile);

        private ServingPointResult Measure(ServingLoad load, CancellationToken cancellation)
        {
            var lengths = Lengths();
            var sharedPrefixTokens = lengths.MostSharedPrefixTokens;
            var prompts = new ServingPrompts(sweep._plan.Seed, target.VocabSize, sharedPrefixTokens);
            var driver = new LoadDriver(model, sweep._clock, sweep._plan, load, lengths, prompts, sweep._energy?.Meter, _nextRequestId);
            var row = sweep.Row(target, load, ResultStatus.Ok, null, _capabilities);
            PointRecording recording;
            try
            {
                recording = driver.Run(cancellation);
            }
            catch (EngineException e)
            {
                var (status, reason) = FailureReasons.Classify(e, $"serving {load}");
                return row with { Status = status, Reason = reason };
            }
            finally
            {
                _nextRequestId += driver.Submitted;
            }
            _cancelled = recording.Cancelled;
            return Measured(row, recording, sharedPrefixTokens);
        }

        private ServingPointResult Measured(ServingPointResult row, PointRecording recording, int sharedPrefixTokens)
        {
            var (metrics, requests) = ServingMetricsCalculator.From(recording, sweep._latencyTargets);
            var energy = sweep._energy is null ? null : ServingEnergyCalculator.From(recording, sweep._energy, _otherHardware, loadJoules);
            row = row with { Requests = requests, Energy = energy };
            if (metrics is null)
                return recording.Cancelled
                    ? row with { Status = ResultStatus.Skipped, Reason = "run cancelled before a measured request completed" }
                    : NothingFinishedInTime(recording) is { } outOfTime
                        ? row with { Status = ResultStatus.Skipped, Reason = outOfTime }
                        : row with { Status = ResultStatus.Failed, Reason = $"no measured request completed{FirstFailure(recording)}" };
            string?[] notes =
            [
                recording.Cancelled ? $"run cancelled: partial point, {metrics.MeasuredRequests} measured requests completed" : null,
                recording.CutAtTimeBound > 0
                    ? $"{recording.CutAtTimeBound} requests still in flight as long after the time bound as the point had run were cancelled"
                    : null,
                metrics.FailedRequests > 0 ? $"{metrics.FailedRequests} measured requests did not complete{FirstFailure(recording)}" : null,
                sharedPrefixTokens > 0 && !_capabilities.ReusesPromptPrefix
                    ? $"the prompts share a {sharedPrefixTokens}-token prefix, but this engine ({_capabilities.Batching} batching) does not reuse a cached prefix"
                    : null,
            ];
            var reason = string.Join("; ", notes.Where(n => n is not null));
            return row with
            {
                Metrics = metrics,
                Targets = ServingTargetJudge.Judge(metrics, sweep._latencyTargets),
                Reason = reason.Length > 0 ? reason : null,
            };
        }

        /// <summary>
        /// Why a point bounded by time measured nothing though nothing failed: every measured request either never arrived
        /// within the bound or was still in flight when its drain ran out (cut); null where one failed, or the point had no time bound.
        /// </summary>
        private string? NothingFinishedInTime(PointRecording recording)
        {
            var measured = recording.Requests.Where(r => !r.Warmup).ToArray();
            if (sweep._plan.SecondsPerPoint is not { } seconds || measured.Any(r => r.Finish is not (null or ServingFinishReason.Cancelled)))
                return null;
            return $"no measured request finished within the point's {seconds.ToString(CultureInfo.InvariantCulture)} s time bound and its drain (nothing failed): " +
                $"{ReadableNumber.Counted(measured.Length, "measured request")} arrived, {ReadableNumber.Counted(recording.CutAtTimeBound, "request")} " +
                $"{(recording.CutAtTimeBound == 1 ? "was" : "were")} still in flight at the end and cancelled; " +
                $"a longer {CommandOptions.ServeDuration} measures this point";
        }

        /// <summary>": " and the first measured request's failure message, where one failed with one.</summary>
        private static string FirstFailure(PointRecording recording) =>
            recording.Requests.FirstOrDefault(r => !r.Warmup && r.FailureMessage is not null)?.FailureMessage is { } message
                ? $" (the first failure: {FailureReasons.FirstLine(message)})"
                : "";
    }
}
