namespace InferBench.Results;

/// <summary>The steady-state warmup before one point's measured repetitions (see <see cref="SteadyStatePlan"/>).</summary>
/// <param name="Seconds">How long it ran, in seconds.</param>
/// <param name="Generations">Untimed warmup generations it ran.</param>
/// <param name="PowerSlopePercentPerSecond">Board power's slope over the last window, percent of its mean per second; null before a full window.</param>
/// <param name="TemperatureSlopeCelsiusPerSecond">GPU temperature's slope over the last window, °C per second; null before a full window.</param>
/// <param name="LastWatts">Average board power over the last interval (W, measured by NVML).</param>
/// <param name="LastTemperatureCelsius">GPU temperature at the end (°C; the hottest, with several GPUs).</param>
/// <param name="Reason">What could not be read, when the outcome is unreadable.</param>
public sealed record SteadyStateRecord(
    SteadyStateOutcome Outcome,
    double Seconds,
    int Generations,
    double? PowerSlopePercentPerSecond,
    double? TemperatureSlopeCelsiusPerSecond,
    double? LastWatts,
    int? LastTemperatureCelsius,
    string? Reason);
