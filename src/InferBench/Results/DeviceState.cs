namespace InferBench.Results;

/// <summary>One measured device's state, recorded so a result can be judged valid. Values the source does not report are null.</summary>
public sealed record DeviceState(
    string Name,
    int? SmClockMegahertz,
    int? MemoryClockMegahertz,
    double? PowerLimitWatts,
    int? TemperatureCelsius,
    IReadOnlyList<string> ThrottleReasons);
