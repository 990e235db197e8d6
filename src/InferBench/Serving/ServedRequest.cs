using InferBench.Engines;

namespace InferBench.Serving;

/// <summary>
/// One request of a point as the driver follows it, its times on the driver's clock. Its gaps between tokens go into
/// storage sized for its asked output when it arrives, so recording a token allocates nothing.
/// </summary>
internal sealed class ServedRequest(int index, TimeSpan arrival, RequestLength length, bool warmup)
{
    private readonly double[] _gapsMilliseconds = new double[Math.Max(0, length.OutputTokens - 1)];
    private int _gapCount;

    public int Index { get; } = index;
    public TimeSpan Arrival { get; } = arrival;
    public RequestLength Length { get; } = length;
    public bool Warmup { get; } = warmup;
    public TimeSpan? Submitted { get; set; }
    public TimeSpan? FirstToken { get; private set; }
    public TimeSpan? LastToken { get; private set; }
    public TimeSpan? Finished { get; private set; }
    public int Tokens { get; private set; }
    public ServingFinishReason? Finish { get; private set; }
    public ServingUsage Usage { get; private set; }
    public string? FailureMessage { get; private set; }

    public bool InFlight => Submitted is not null && Finished is null;

    /// <summary>Finished with all its tokens, neither failed nor cancelled.</summary>
    public bool Completed => Finish is { } finish && finish is not (ServingFinishReason.Cancelled or ServingFinishReason.Failed) && Tokens > 0;

    /// <summary>Every gap between consecutive tokens, in milliseconds.</summary>
    public ReadOnlySpan<double> GapsMilliseconds => _gapsMilliseconds.AsSpan(0, _gapCount);

    public void Token(TimeSpan at)
    {
        if (LastToken is { } last && _gapCount < _gapsMilliseconds.Length)
            _gapsMilliseconds[_gapCount++] = (at - last).TotalMilliseconds;
        FirstToken ??= at;
        LastToken = at;
        Tokens++;
    }

    public void End(TimeSpan at, ServingFinishReason finish, ServingUsage usage, string? failureMessage = null)
    {
        Finished = at;
        Finish = finish;
        Usage = usage;
        FailureMessage = failureMessage;
    }
}
