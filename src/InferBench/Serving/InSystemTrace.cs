namespace InferBench.Serving;

/// <summary>The number of requests arrived and not finished, as a step function of time, and its time-averages.</summary>
internal sealed class InSystemTrace
{
    // An open loop's arrival can be recorded after a finish that came later (it arrived during a step), so changes are kept as they come and sorted once read.
    private readonly List<(TimeSpan At, int Change)> _changes = [];
    private bool _sorted = true;

    /// <summary>Requests in the system now.</summary>
    public int Count { get; private set; }

    public void Arrived(TimeSpan at) => Record(at, +1);

    public void Left(TimeSpan at) => Record(at, -1);

    /// <summary>The time-average count over [<paramref name="from"/>, <paramref name="to"/>]; the count at <paramref name="from"/> for an empty span.</summary>
    public double MeanOver(TimeSpan from, TimeSpan to)
    {
        if (!_sorted)
        {
            _changes.Sort((a, b) => a.At.CompareTo(b.At));
            _sorted = true;
        }
        var count = 0;
        var area = 0.0;
        var at = from;
        foreach (var change in _changes)
        {
            if (change.At > from && change.At < to)
            {
                area += count * (change.At - at).TotalSeconds;
                at = change.At;
            }
            if (change.At >= to)
                break;
            count += change.Change;
        }
        return to > from ? (area + count * (to - at).TotalSeconds) / (to - from).TotalSeconds : count;
    }

    private void Record(TimeSpan at, int change)
    {
        _sorted &= _changes.Count == 0 || _changes[^1].At <= at;
        _changes.Add((at, change));
        Count += change;
    }
}
