using InferBench.Results;

namespace InferBench.Telemetry.Power;

/// <summary>
/// Repeats a warmup generation until the GPU settles (<see cref="SteadyStateDetector"/>), so a point is not measured
/// on a GPU still heating up from the previous one. Each observation is the meter's average power over an interval
/// of whole generations at least <c>interval</c> long (long enough for the source to measure) and the temperature at
/// its end. The cap is checked after each interval, so the warmup can pass it by up to one interval.
/// </summary>
public static class SteadyStateWarmup
{
    public static SteadyStateRecord Run(
        PowerMeter meter, SteadyStatePlan plan, TimeSpan interval, Action generate, CancellationToken cancellation)
    {
        var clock = meter.Clock;
        var start = clock.Now;
        var detector = new SteadyStateDetector(plan);
        var generations = 0;
        double? watts = null;
        int? temperature = null;
        SteadyStateRecord Record(SteadyStateOutcome outcome, string? reason = null) => new(
            outcome, (clock.Now - start).TotalSeconds, generations, detector.PowerSlopePercentPerSecond,
            detector.TemperatureSlopeCelsiusPerSecond, watts, temperature, reason);

        while (true)
        {
            if (cancellation.IsCancellationRequested)
                return Record(SteadyStateOutcome.Cancelled);
            var window = meter.BeginWindow(PowerPhase.Warmup);
            var intervalStart = clock.Now;
            do
            {
                generate();
                generations++;
            }
            while (clock.Now - intervalStart < interval && !cancellation.IsCancellationRequested);
            var power = window.End();
            if (cancellation.IsCancellationRequested)
                return Record(SteadyStateOutcome.Cancelled);
            var devices = meter.Snapshot();
            temperature = devices.Count > 0 && devices.All(d => d.TemperatureCelsius is not null) ? devices.Max(d => d.TemperatureCelsius) : null;
            watts = power.AveragePower?.Watts;
            if (watts is null || temperature is null)
                return Record(SteadyStateOutcome.Unreadable, watts is null
                    ? $"board power over a warmup interval: {power.Reason ?? JsonEnumName.Of(power.Status)}"
                    : "the GPU temperature (nvmlDeviceGetTemperature) could not be read");
            if (detector.Observe(new SteadyStateObservation(clock.Now - start, watts.Value, temperature.Value)))
                return Record(SteadyStateOutcome.Settled);
            if (clock.Now - start >= TimeSpan.FromSeconds(plan.MaxSeconds))
                return Record(SteadyStateOutcome.TimeCap);
        }
    }
}
