namespace InferBench.Results;

/// <summary>
/// How an NVML run warms the GPU up before each point's measured repetitions: the warmup generation is repeated
/// until the least-squares slopes of board power and temperature over the last <paramref name="WindowSeconds"/> are
/// both under their thresholds, or for at most <paramref name="MaxSeconds"/> (0: no steady-state warmup).
/// </summary>
/// <param name="PowerSlopePercentPerSecond">Largest settled slope of board power, in percent of its mean over the window per second.</param>
/// <param name="TemperatureSlopeCelsiusPerSecond">Largest settled slope of the GPU temperature, in degrees Celsius per second.</param>
public sealed record SteadyStatePlan(double MaxSeconds, double WindowSeconds, double PowerSlopePercentPerSecond, double TemperatureSlopeCelsiusPerSecond)
{
    public static SteadyStatePlan Default { get; } = new(60, 10, 0.5, 0.1);
}
