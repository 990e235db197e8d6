using InferBench.Engines;
using InferBench.Results;
using InferBench.Telemetry.Power;

namespace InferBench.Serving;

/// <summary>
/// Offers one point's load to a loaded serving model, on one thread (the model's owner): submits each request whose arrival
/// has come (a closed loop: a new one as soon as one leaves), runs the engine while it has work, and sleeps until the next
/// arrival when it has none. Each step's events are kept in reusable storage and stamped with one clock reading taken
/// after the step returns. At the bound (requests or seconds, whichever first) arrivals stop and what is in flight drains;
/// after the time bound the drain may last as long again, then what is left is cancelled. Cancelling the run cancels what
/// is in flight and keeps what finished.
/// </summary>
internal sealed class LoadDriver : IServingEventSink
{
    private readonly IServingModel _model;
    private readonly IMonotonicClock _clock;
    private readonly ServingPlanRecord _plan;
    private readonly ServingLoad _load;
    private readonly RequestLengths _lengths;
    private readonly ServingPrompts _prompts;
    private readonly PowerMeter? _meter;
    private readonly int _firstRequestId;
    private readonly GammaArrivals? _arrivals;
    private readonly List<ServedRequest> _requests = [];
    private readonly InSystemTrace _inSystem = new();
    private StepEvent[] _events = new StepEvent[64];
    private int _eventCount;
    private int _steps;
    private int _stepsWithTokens;
    private long _rows;
    private int _mostRows;
    private TimeSpan _inside;
    private TimeSpan _outside;
    private TimeSpan? _lastStepEnd;
    private TimeSpan _start;
    private TimeSpan? _nextArrival;
    private bool _arriving = true;
    private TimeSpan _drainStart;
    private TimeSpan? _steadyStart;
    private TimeSpan? _steadyEnd;
    private long _steadyTokens;
    private PowerWindow? _steadyWindow;
    private PowerWindowResult? _steady;

    /// <param name="firstRequestId">The engine id of the point's first request; the others follow it, so no point reuses an id an earlier one may still hold.</param>
    public LoadDriver(
        IServingModel model, IMonotonicClock clock, ServingPlanRecord plan, ServingLoad load, RequestLengths lengths, ServingPrompts prompts,
        PowerMeter? meter, int firstRequestId)
    {
        _model = model;
        _clock = clock;
        _plan = plan;
        _load = load;
        _lengths = lengths;
        _prompts = prompts;
        _meter = meter;
        _firstRequestId = firstRequestId;
        _arrivals = load.RequestsPerSecond is { } rate ? new GammaArrivals(rate, plan.Burstiness, plan.Seed) : null;
    }

    /// <summary>Requests submitted so far: the next point's first id is <c>firstRequestId</c> plus this.</summary>
    public int Submitted => _requests.Count;

    /// <exception cref="EngineException">The engine refused a request or failed as a whole; what was in flight is cancelled and released first.</exception>
    public PointRecording Run(CancellationToken cancellation)
    {
        try
        {
            return Drive(cancellation);
        }
        catch (EngineException)
        {
            Abandon();
            throw;
        }
    }

    private PointRecording Drive(CancellationToken cancellation)
    {
        var gross = _meter?.BeginWindow(PowerPhase.Generation);
        _start = _clock.Now;
        _nextArrival = _arrivals is null ? null : _start + _arrivals.Next();
        var mostArrivals = _plan.RequestsPerPoint is { } requests ? (long)_plan.WarmupRequests + requests : long.MaxValue;
        TimeSpan? deadline = _plan.SecondsPerPoint is { } seconds ? _start + TimeSpan.FromSeconds(seconds) : null;
        TimeSpan? graceEnd = null;
        var cancelled = false;
        var cut = 0;
        while (true)
        {
            var now = _clock.Now;
            if (cancellation.IsCancellationRequested && !cancelled)
            {
                cancelled = true;
                StopArriving(now);
                CancelInFlight();
            }
            else if (_arriving && now >= deadline)
            {
                StopArriving(now);
                graceEnd = now + (deadline!.Value - _start);
            }
            else if (_arriving)
            {
                Admit(now, mostArrivals);
                if (_requests.Count >= mostArrivals)
                    StopArriving(now);
            }
            else if (now >= graceEnd)
            {
                cut = CancelInFlight();
                graceEnd = null;
            }

            if (_model.HasPendingWork)
                Step();
            else if (!_arriving)
                break;
            else
                Idle(now, deadline, cancellation);
        }
        return new PointRecording(
            _load, _start, _requests, _inSystem, _drainStart, _steps, _stepsWithTokens, _rows, _mostRows, _inside, _outside,
            _steadyStart, _steadyEnd, _steadyTokens, gross?.End(), _steady, cancelled, cut);
    }

    /// <summary>Submits every request whose time has come: a closed loop fills up to its concurrency, an open loop takes its due arrivals.</summary>
    private void Admit(TimeSpan now, long mostArrivals)
    {
        if (_load.Concurrency is { } concurrency)
            while (_inSystem.Count < concurrency && _requests.Count < mostArrivals)
                Arrive(now, now);
        else
            while (_nextArrival <= now && _requests.Count < mostArrivals)
            {
                Arrive(_nextArrival.Value, now);
                _nextArrival = _start + _arrivals!.Next();
            }

        // The steady state begins once a measured request is in and (closed loop) the offered concurrency is reached.
        if (_steadyStart is null && _requests.Count > _plan.WarmupRequests && (_load.Concurrency is not { } c || _inSystem.Count >= c))
        {
            _steadyStart = now;
            _steadyWindow = _meter?.BeginWindow(PowerPhase.Generation);
        }
    }

    private void Arrive(TimeSpan arrival, TimeSpan now)
    {
        var index = _requests.Count;
        var length = _lengths.Next();
        var request = new ServedRequest(index, arrival, length, warmup: index < _plan.WarmupRequests);
        _requests.Add(request);
        _inSystem.Arrived(arrival);
        _model.Submit(_firstRequestId + index, _prompts.For(_firstRequestId + index, length), length.OutputTokens);
        request.Submitted = now;
    }

    /// <summary>No work in the engine: an open loop waits for its next arrival or the time bound, whichever is first.</summary>
    private void Idle(TimeSpan now, TimeSpan? deadline, CancellationToken cancellation)
    {
        var next = _nextArrival ?? throw new InvalidOperationException("the serving model has no pending work right after requests were submitted to it");
        _clock.Sleep((deadline < next ? deadline.Value : next) - now, cancellation);
        // The wait is not the driver's own time between engine runs.
        _lastStepEnd = null;
    }

    private void StopArriving(TimeSpan now)
    {
        if (!_arriving)
            return;
        _arriving = false;
        _drainStart = now;
        if (_steadyStart is null || _steadyEnd is not null)
            return;
        _steadyEnd = now;
        _steady = _steadyWindow?.End();
    }

    /// <returns>How many requests were cancelled.</returns>
    private int CancelInFlight()
    {
        var cancelled = 0;
        foreach (var request in _requests.Where(r => r.InFlight))
        {
            _model.Cancel(_firstRequestId + request.Index);
            cancelled++;
        }
        return cancelled;
    }

    /// <summary>After the engine failed: cancels and releases what is in flight, as far as the engine still lets it.</summary>
    private void Abandon()
    {
        foreach (var request in _requests.Where(r => r.InFlight))
        {
            try
            {
                _model.Cancel(_firstRequestId + request.Index);
                _model.Release(_firstRequestId + request.Index);
            }
            catch (EngineException)
            {
                // The engine is already broken; the point reports its first failure.
            }
        }
    }

    private void Step()
    {
        var before = _clock.Now;
        if (_lastStepEnd is { } last)
            _outside += before - last;
        _eventCount = 0;
        _model.Step(this);
        var after = _clock.Now;
        _inside += after - before;
        _lastStepEnd = after;
        _steps++;
        Apply(after);
    }

    /// <summary>The step's events, all at the time the step returned.</summary>
    private void Apply(TimeSpan at)
    {
        var rows = 0;
        var steady = _steadyStart is not null && _steadyEnd is null;
        for (var i = 0; i < _eventCount; i++)
        {
            var e = _events[i];
            var index = e.RequestId - _firstRequestId;
            // Events of an earlier point's abandoned requests, or of one already ended, change nothing.
            if (index < 0 || index >= _requests.Count || _requests[index].Finished is not null)
                continue;
            var request = _requests[index];
            if (e.Kind == StepEventKind.Token)
            {
                request.Token(at);
                rows++;
                if (steady)
                    _steadyTokens++;
                continue;
            }
            request.End(at, e.Kind == StepEventKind.Failed ? ServingFinishReason.Failed : e.Finish, e.Usage, e.Message);
            _inSystem.Left(at);
            _model.Release(e.RequestId);
        }
        if (rows == 0)
            return;
        _stepsWithTokens++;
        _rows += rows;
        _mostRows = Math.Max(_mostRows, rows);
    }

    public void OnToken(int requestId, int tokenId) => Keep(new StepEvent(StepEventKind.Token, requestId));

    public void OnFinished(int requestId, ServingFinishReason reason, ServingUsage usage) =>
        Keep(new StepEvent(StepEventKind.Finished, requestId, reason, usage));

    public void OnCapacityBlocked(int requestId)
    {
        // The request stays queued in the engine; its wait shows in its time to first token.
    }

    public void OnFailed(int requestId, string message, bool retryable) => Keep(new StepEvent(StepEventKind.Failed, requestId, Message: message));

    private void Keep(StepEvent e)
    {
        if (_eventCount == _events.Length)
            Array.Resize(ref _events, _events.Length * 2);
        _events[_eventCount++] = e;
    }
}
