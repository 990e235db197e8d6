using InferBench.Results;

namespace InferBench.Telemetry.Power;

/// <summary>
/// Decides when a GPU has settled: once the observations span <see cref="SteadyStatePlan.WindowSeconds"/>, the
/// least-squares slopes of power (relative to its mean) and temperature over the last window must both be under their
/// thresholds. A fitted slope, not the difference of two readings, so one noisy reading neither settles nor unsettles.
/// </summary>
public sealed class SteadyStateDetector(SteadyStatePlan plan)
{
    private const int MinimumObservationsPerWindow = 3;

    private readonly List<SteadyStateObservation> _observations = [];

    /// <summary>Power's slope over the last window, percent of its mean per second; null until a full window.</summary>
    public double? PowerSlopePercentPerSecond { get; private set; }

    /// <summary>Temperature's slope over the last window, °C per second; null until a full window.</summary>
    public double? TemperatureSlopeCelsiusPerSecond { get; private set; }

    /// <summary>Adds an observation (later than the previous one) and says whether power and temperature have settled.</summary>
    public bool Observe(SteadyStateObservation observation)
    {
        if (_observations.Count > 0 && observation.At <= _observations[^1].At)
            throw new ArgumentException($"observations must move forward in time: {observation.At} after {_observations[^1].At}", nameof(observation));
        _observations.Add(observation);
        var window = TimeSpan.FromSeconds(plan.WindowSeconds);
        if (observation.At - _observations[0].At < window)
            return false;
        var recent = _observations.Where(o => o.At >= observation.At - window).ToArray();
        if (recent.Length < MinimumObservationsPerWindow)
            return false;
        var meanWatts = recent.Average(o => o.Watts);
        var wattsSlope = Slope(recent, o => o.Watts);
        PowerSlopePercentPerSecond = meanWatts > 0 ? wattsSlope / meanWatts * 100 : wattsSlope == 0 ? 0 : double.PositiveInfinity;
        TemperatureSlopeCelsiusPerSecond = Slope(recent, o => o.TemperatureCelsius);
        return Math.Abs(PowerSlopePercentPerSecond.Value) <= plan.PowerSlopePercentPerSecond
            && Math.Abs(TemperatureSlopeCelsiusPerSecond.Value) <= plan.TemperatureSlopeCelsiusPerSecond;
    }

    /// <summary>Ordinary least-squares slope of <paramref name="value"/> per second.</summary>
    private static double Slope(SteadyStateObservation[] observations, Func<SteadyStateObservation, double> value)
    {
        var meanSeconds = observations.Average(o => o.At.TotalSeconds);
        var meanValue = observations.Average(value);
        var covariance = observations.Sum(o => (o.At.TotalSeconds - meanSeconds) * (value(o) - meanValue));
        var variance = observations.Sum(o => Math.Pow(o.At.TotalSeconds - meanSeconds, 2));
        return covariance / variance;
    }
}
