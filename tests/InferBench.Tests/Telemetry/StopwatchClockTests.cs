using InferBench.Telemetry.Power;

namespace InferBench.Tests.Telemetry;

/// <summary>The real clock's waits, as the load driver uses them to wait for a far open-loop arrival.</summary>
public sealed class StopwatchClockTests
{
    [Fact]
    public void A_wait_longer_than_one_wait_handle_wait_ends_at_cancellation_instead_of_throwing() =>
        new StopwatchClock().Sleep(TimeSpan.FromDays(10_000), new CancellationToken(canceled: true));

    [Fact]
    public void A_short_wait_waits()
    {
        var clock = new StopwatchClock();
        var before = clock.Now;

        clock.Sleep(TimeSpan.FromMilliseconds(20), CancellationToken.None);

        Assert.True(clock.Now - before >= TimeSpan.FromMilliseconds(15), $"waited {(clock.Now - before).TotalMilliseconds} ms");
    }
}
