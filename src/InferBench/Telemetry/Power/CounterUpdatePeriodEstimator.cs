namespace InferBench.Telemetry.Power;

/// <summary>
/// Estimates how often an energy counter updates from the distinct values it was seen to take: the mean time
/// between observed changes. That is exact when readings are denser than updates and close to the reading spacing
/// otherwise, so it errs towards calling a window too short, never towards trusting one.
/// </summary>
internal sealed class CounterUpdatePeriodEstimator
{
    private Energy? _last;
    private TimeSpan _firstChange;
    private TimeSpan _lastChange;
    private int _changes;

    public TimeSpan? Period => _changes >= 2 ? (_lastChange - _firstChange) / (_changes - 1) : null;

    public void Observe(TimeSpan at, Energy? energy)
    {
        if (energy is not { } value)
            return;
        if (_last is { } last && value != last)
        {
            if (_changes == 0)
                _firstChange = at;
            _lastChange = at;
            _changes++;
        }
        _last = value;
    }
}
