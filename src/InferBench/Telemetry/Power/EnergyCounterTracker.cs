namespace InferBench.Telemetry.Power;

/// <summary>
/// Turns one device's raw cumulative counter into a total that only grows. RAPL counters wrap at a known range;
/// NVML's restart from zero when the driver reloads, which is counted so windows spanning it can be flagged.
/// </summary>
/// <param name="wrapRange">The value a wrapping counter wraps at; null for a counter that does not wrap.</param>
internal sealed class EnergyCounterTracker(ulong? wrapRange)
{
    private ulong? _last;

    /// <summary>Raw units counted since the first reading.</summary>
    public ulong Total { get; private set; }

    public int Resets { get; private set; }

    public void Update(ulong raw)
    {
        if (_last is { } last)
        {
            if (raw >= last)
                Total += raw - last;
            else if (wrapRange is { } range)
                Total += range - last + raw;
            else
            {
                // What was used between the last reading and the reset is lost; the window check sees Resets change.
                Total += raw;
                Resets++;
            }
        }
        _last = raw;
    }
}
