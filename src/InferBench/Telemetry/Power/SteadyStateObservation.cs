namespace InferBench.Telemetry.Power;

/// <summary>Board power averaged over one interval of warmup generations, and the GPU temperature at its end.</summary>
/// <param name="At">End of the interval, from the start of the warmup.</param>
public readonly record struct SteadyStateObservation(TimeSpan At, double Watts, double TemperatureCelsius);
