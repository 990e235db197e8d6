namespace InferBench.Telemetry.Power;

/// <summary>
/// A background thread that reads the meter's source every period. Deadlines advance by the period, so readings do
/// not drift; after a stall (or a read slower than the period) the next reading is a period from now, so the
/// sampler never catches up in a burst or spins.
/// </summary>
internal sealed class PowerSampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    public PowerSampler(PowerMeter meter, IMonotonicClock clock, TimeSpan period)
    {
        _thread = new Thread(() => Run(meter, clock, period, _stop.Token))
        {
            IsBackground = true,
            Name = "InferBench power sampler",
        };
        _thread.Start();
    }

    private static void Run(PowerMeter meter, IMonotonicClock clock, TimeSpan period, CancellationToken stop)
    {
        var deadline = clock.Now;
        while (!stop.IsCancellationRequested)
        {
            meter.Sample();
            deadline += period;
            var now = clock.Now;
            if (deadline <= now)
                deadline = now + period;
            clock.Sleep(deadline - now, stop);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }
}
