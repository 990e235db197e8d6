namespace InferBench.Telemetry.Power;

/// <summary>A preallocated ring of readings in time order, addressed by a sequence number that never repeats.</summary>
internal sealed class SampleBuffer(int capacity)
{
    private readonly PowerSample[] _items = new PowerSample[capacity];
    private long _next;

    public long Add(PowerSample sample)
    {
        _items[_next % _items.Length] = sample;
        return _next++;
    }

    /// <summary>The readings from <paramref name="first"/> to <paramref name="last"/>; null when the first has been overwritten.</summary>
    public PowerSample[]? Copy(long first, long last)
    {
        if (first < _next - _items.Length)
            return null;
        var copy = new PowerSample[last - first + 1];
        for (var sequence = first; sequence <= last; sequence++)
            copy[sequence - first] = _items[sequence % _items.Length];
        return copy;
    }
}
