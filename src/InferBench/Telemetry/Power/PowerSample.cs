namespace InferBench.Telemetry.Power;

/// <summary>A reading and when it was taken, on the meter's clock.</summary>
internal readonly record struct PowerSample(TimeSpan At, PowerReading Reading);
