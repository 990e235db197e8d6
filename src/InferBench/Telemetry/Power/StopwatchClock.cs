using System.Diagnostics;

namespace InferBench.Telemetry.Power;

/// <summary>The high-resolution Stopwatch clock, counted from when this clock was made.</summary>
public sealed class StopwatchClock : IMonotonicClock
{
    /// <summary>The longest one wait may be: <see cref="WaitHandle.WaitOne(TimeSpan)"/> refuses more than <see cref="int.MaxValue"/> ms (24.8 days).</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromMilliseconds(int.MaxValue);

    private readonly long _origin = Stopwatch.GetTimestamp();

    public TimeSpan Now => Stopwatch.GetElapsedTime(_origin);

    public void Sleep(TimeSpan duration, CancellationToken cancellation)
    {
        for (; duration > LongestWait; duration -= LongestWait)
            if (cancellation.WaitHandle.WaitOne(LongestWait))
                return;
        if (duration > TimeSpan.Zero)
            cancellation.WaitHandle.WaitOne(duration);
    }
}
