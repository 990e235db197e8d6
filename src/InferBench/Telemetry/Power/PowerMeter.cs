namespace InferBench.Telemetry.Power;

/// <summary>
/// Measures energy over windows with one power source. Readings come from a background sampler and from the
/// edges of every window, all kept in one preallocated ring in time order; taking a reading allocates nothing.
/// Without a source every window is unavailable, with the reason the source could not be opened.
/// </summary>
public sealed class PowerMeter : IDisposable
{
    private readonly object _gate = new();
    private readonly IMonotonicClock _clock;
    private readonly PowerMeterOptions _options;
    private readonly SampleBuffer _samples;
    private readonly CounterUpdatePeriodEstimator _updatePeriod = new();
    private PowerSampler? _sampler;

    public PowerMeter(PowerSourceSelection selection, IMonotonicClock clock, PowerMeterOptions options)
    {
        if (options.SamplePeriod <= TimeSpan.Zero || options.SampleCapacity < 2 || options.MinimumUpdatesPerWindow < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options, "sample period, capacity and updates per window must be positive");
        Selection = selection;
        _clock = clock;
        _options = options;
        _samples = new SampleBuffer(options.SampleCapacity);
    }

    /// <summary>Opens the chosen source on the real clock and starts sampling it in the background.</summary>
    public static PowerMeter Start(
        PowerSourceChoice choice, PowerOptions sourceOptions, PowerMeterOptions meterOptions, IReadOnlyList<PowerSourceChoice>? autoOrder = null)
    {
        var meter = new PowerMeter(PowerSources.Open(choice, sourceOptions, autoOrder), new StopwatchClock(), meterOptions);
        meter.StartSampling();
        return meter;
    }

    public PowerSourceSelection Selection { get; }

    /// <summary>The clock the meter's windows are timed on.</summary>
    public IMonotonicClock Clock => _clock;

    /// <summary>How often the background sampler reads the source.</summary>
    public TimeSpan SamplePeriod => _options.SamplePeriod;

    /// <summary>How often the energy counter was seen to update (see <see cref="CounterUpdatePeriodEstimator"/>); null until known.</summary>
    public TimeSpan? CounterUpdatePeriod
    {
        get { lock (_gate) return _updatePeriod.Period; }
    }

    /// <summary>Starts the background sampler; without a source there is nothing to sample.</summary>
    public void StartSampling()
    {
        if (_sampler is not null)
            throw new InvalidOperationException("the sampler is already running");
        if (Selection.Source is not null)
            _sampler = new PowerSampler(this, _clock, _options.SamplePeriod);
    }

    /// <summary>Takes one reading into the ring. The background sampler calls this; so may a caller with its own timing.</summary>
    public void Sample()
    {
        lock (_gate)
            Append();
    }

    public PowerWindow BeginWindow(PowerPhase phase)
    {
        lock (_gate)
        {
            var (sequence, sample) = Append();
            return new PowerWindow(this, phase, sequence, sample, ProblemOf(sample));
        }
    }

    /// <summary>
    /// Idle power over <paramref name="duration"/>, for a baseline before and after a sweep. The caller makes sure
    /// nothing else runs and the sampler is running; cancelling ends the window early.
    /// </summary>
    public PowerWindowResult MeasureIdle(TimeSpan duration, CancellationToken cancellation)
    {
        var window = BeginWindow(PowerPhase.Idle);
        _clock.Sleep(duration, cancellation);
        return window.End();
    }

    /// <summary>Clocks, limits, temperatures and throttle reasons of each device now, for judging a run's validity.</summary>
    public IReadOnlyList<DeviceSnapshot> Snapshot()
    {
        lock (_gate)
            return Selection.Source?.Snapshot() ?? [];
    }

    internal PowerWindowResult End(PowerWindow window)
    {
        PowerSample[]? samples;
        WindowContext context;
        PowerSample end;
        lock (_gate)
        {
            (var sequence, end) = Append();
            samples = _samples.Copy(window.BeginSequence, sequence);
            var source = Selection.Source;
            context = new WindowContext(
                source?.CounterSource ?? EnergySource.Unavailable,
                source?.PowerSource ?? EnergySource.Unavailable,
                source?.CounterRefreshesPeriodically ?? false,
                _updatePeriod.Period,
                _options,
                Selection.UnavailableReason,
                window.BeginProblem ?? ProblemOf(end));
        }
        return PowerWindowCalculator.Compute(window.Phase, window.Begin, end, samples, context);
    }

    private (long Sequence, PowerSample Sample) Append()
    {
        var at = _clock.Now;
        var reading = Selection.Source?.Read() ?? default;
        _updatePeriod.Observe(at, reading.Energy);
        var sample = new PowerSample(at, reading);
        return (_samples.Add(sample), sample);
    }

    private string? ProblemOf(PowerSample sample)
    {
        var source = Selection.Source;
        var incomplete = source is not null
            && ((source.CounterSource != EnergySource.Unavailable && sample.Reading.Energy is null)
                || (source.PowerSource != EnergySource.Unavailable && sample.Reading.Power is null));
        return incomplete ? source!.LastReadProblem : null;
    }

    public void Dispose()
    {
        _sampler?.Dispose();
        Selection.Source?.Dispose();
    }
}
