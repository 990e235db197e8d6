namespace InferBench.Telemetry.Power;

/// <summary>The meter's time: monotonic, from an arbitrary origin. Tests substitute a clock they advance by hand.</summary>
public interface IMonotonicClock
{
    TimeSpan Now { get; }

    /// <summary>Waits <paramref name="duration"/> or until <paramref name="cancellation"/> fires, whichever is first.</summary>
    void Sleep(TimeSpan duration, CancellationToken cancellation);
}
