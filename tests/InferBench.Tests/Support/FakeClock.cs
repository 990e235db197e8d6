using InferBench.Telemetry.Power;

namespace InferBench.Tests.Support;

/// <summary>Time that moves only when a test says so. Sleeping moves it in steps, ticking after each as a sampler would.</summary>
public sealed class FakeClock : IMonotonicClock
{
    public TimeSpan Now { get; private set; }

    public TimeSpan SleepStep { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Raised with the new time whenever time moves (a fake NVML follows it).</summary>
    public event Action<TimeSpan>? Moved;

    /// <summary>Raised after each step of <see cref="Sleep"/>.</summary>
    public event Action? SleepTicked;

    public void Advance(TimeSpan by)
    {
        Now += by;
        Moved?.Invoke(Now);
    }

    public void Sleep(TimeSpan duration, CancellationToken cancellation)
    {
        for (var left = duration; left > TimeSpan.Zero && !cancellation.IsCancellationRequested; left -= SleepStep)
        {
            Advance(left < SleepStep ? left : SleepStep);
            SleepTicked?.Invoke();
        }
    }

    /// <summary>Moves time by <paramref name="duration"/>, sampling <paramref name="meter"/> every <paramref name="period"/> on the way.</summary>
    public void RunSampling(PowerMeter meter, TimeSpan duration, TimeSpan period)
    {
        for (var left = duration; left > TimeSpan.Zero; left -= period)
        {
            Advance(left < period ? left : period);
            meter.Sample();
        }
    }
}
