namespace InferBench.Telemetry.Power;

/// <summary>One reading of a power source, summed over its devices. A value the source could not read is null, never zero.</summary>
/// <param name="Energy">The source's energy counter, unwrapped and summed; only differences between readings mean anything.</param>
/// <param name="Power">Power drawn at the moment of reading.</param>
/// <param name="ThrottleReasons">Why clocks are held down at that moment, over all devices; null where the source cannot say.</param>
/// <param name="CounterResets">How often a device counter has gone backwards (driver reload) since the source was opened.</param>
public readonly record struct PowerReading(Energy? Energy, Power? Power, ThrottleReasons? ThrottleReasons, int CounterResets);
