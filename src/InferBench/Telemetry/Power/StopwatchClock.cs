using System.Diagnostics;

namespace InferBench.Telemetry.Power;

/// <summary>The high-resolution Stopwatch clock, counted from when this clock was made.</summary>
public sealed class StopwatchClock : IMonotonicClock
{
    private readonly long _origin = Stopwatch.GetTimestamp();

    public TimeSpan Now => Stopwatch.GetElapsedTime(_origin);

    public void Sleep(TimeSpan duration, CancellationToken cancellation)
    {
        if (duration > TimeSpan.Zero)
            cancellation.WaitHandle.WaitOne(duration);
    }
}
