namespace InferBench.Forecast;

/// <summary>
/// Where a forecast is for: a catalog GPU model (its datasheet peaks, class and board power) or the host a profile
/// measured (its measured peaks and the run's power), with the hourly price of one GPU (or the host) when known.
/// </summary>
/// <param name="Id">The catalog GPU id, or "host" for the profile's own machine.</param>
/// <param name="BoardPowerWatts">A GPU's board power limit; null on the profile's host, whose power comes from the run.</param>
/// <param name="PriceSource">Where <see cref="UsdPerHour"/> comes from, or why there is none.</param>
/// <param name="MemoryBytes">A GPU's memory size, which weights and KV cache must fit in; null on the profile's host, whose memory the profile does not record.</param>
public sealed record ForecastTarget(
    string Id,
    HostPeaks Peaks,
    string? GpuClass,
    double? BoardPowerWatts,
    string PowerSource,
    double? UsdPerHour,
    string PriceSource,
    double? MemoryBytes = null)
{
    public const string HostId = "host";
}
