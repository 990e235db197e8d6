namespace InferBench.Results;

/// <summary>
/// Which hardware an energy source measures, so a row's energy is only ever that of the hardware the row ran on: NVML
/// measures NVIDIA GPUs (cuda rows), RAPL and the CPU-TDP estimate the CPU (cpu rows).
/// </summary>
public static class EnergyHardware
{
    /// <summary>The execution provider whose hardware <paramref name="energySource"/> measures; null for "unavailable" or an unknown label.</summary>
    public static ExecutionProvider? Of(string energySource) => energySource switch
    {
        "measured-nvml-counter" or "measured-nvml-power" => ExecutionProvider.Cuda,
        "measured-rapl" or "estimated-cpu-tdp" => ExecutionProvider.Cpu,
        _ => null,
    };

    /// <summary>True when <paramref name="energySource"/> measures the hardware of a row that ran on <paramref name="rowExecutionProvider"/>.</summary>
    public static bool IsOfRow(string energySource, string rowExecutionProvider) =>
        Of(energySource) is { } measured && JsonEnumName.Of(measured) == rowExecutionProvider;
}
