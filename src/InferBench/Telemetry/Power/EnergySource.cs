using System.Text.Json.Serialization;

namespace InferBench.Telemetry.Power;

/// <summary>
/// Where an energy figure comes from. Every figure carries one, so a measured value is never mistaken for an
/// estimate; the JSON names are the labels written to every output (see <see cref="JsonEnumName"/>).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<EnergySource>))]
public enum EnergySource
{
    [JsonStringEnumMemberName("unavailable")] Unavailable,
    /// <summary>Difference of NVML's total-energy counter (Volta and newer), summed over the GPUs used.</summary>
    [JsonStringEnumMemberName("measured-nvml-counter")] MeasuredNvmlCounter,
    /// <summary>NVML power readings integrated over the window (trapezoid rule).</summary>
    [JsonStringEnumMemberName("measured-nvml-power")] MeasuredNvmlPower,
    /// <summary>Difference of the RAPL package energy counters (Linux powercap), summed over packages.</summary>
    [JsonStringEnumMemberName("measured-rapl")] MeasuredRapl,
    /// <summary>Not a measurement: this process's share of the CPU times the CPU's TDP.</summary>
    [JsonStringEnumMemberName("estimated-cpu-tdp")] EstimatedCpuTdp,
}
