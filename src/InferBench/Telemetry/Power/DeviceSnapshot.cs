namespace InferBench.Telemetry.Power;

/// <summary>
/// The state of one device at a moment, recorded beside results so a run can be judged valid (clocks not held
/// down, limit as expected, not hot). Values the source does not report are null.
/// </summary>
public sealed record DeviceSnapshot(
    PowerDevice Device,
    string? DriverVersion,
    int? SmClockMegahertz,
    int? MemoryClockMegahertz,
    Power? PowerLimit,
    int? TemperatureCelsius,
    int? GpuUtilizationPercent,
    int? MemoryUtilizationPercent,
    long? MemoryUsedBytes,
    long? MemoryTotalBytes,
    ThrottleReasons? ThrottleReasons)
{
    public static DeviceSnapshot NameOnly(PowerDevice device) => new(device, null, null, null, null, null, null, null, null, null, null);
}
