using InferBench.Results;
using InferBench.Telemetry.Power.Estimate;
using InferBench.Telemetry.Power.Nvml;
using InferBench.Telemetry.Power.Rapl;

namespace InferBench.Telemetry.Power;

/// <summary>Opens the power source a run asked for, keeping the reason of every source that could not be opened.</summary>
public static class PowerSources
{
    /// <summary>The order <see cref="PowerSourceChoice.Auto"/> tries: measured before estimated, GPU before CPU.</summary>
    public static IReadOnlyList<PowerSourceChoice> AutoOrder { get; } = [PowerSourceChoice.Nvml, PowerSourceChoice.Rapl, PowerSourceChoice.Estimate];

    /// <summary>
    /// What auto measures for a run on <paramref name="executionProvider"/>: a CPU run's energy is the CPU's, not an
    /// idle GPU's; a CUDA run's is its GPU's, so without NVML it has none rather than the CPU's priced as its own.
    /// A run whose rows may land on either (--ep auto where CUDA can run) tries everything, GPU first: each row then
    /// keeps only energy of its own hardware (see ScenarioEnergyCalculator).
    /// </summary>
    public static IReadOnlyList<PowerSourceChoice> AutoOrderFor(ExecutionProvider executionProvider) => executionProvider switch
    {
        ExecutionProvider.Cpu => [PowerSourceChoice.Rapl, PowerSourceChoice.Estimate],
        ExecutionProvider.Cuda => [PowerSourceChoice.Nvml],
        _ => AutoOrder,
    };

    /// <summary>Why <paramref name="choice"/> cannot measure a run on <paramref name="executionProvider"/>; null when it can.</summary>
    public static string? ProblemFor(PowerSourceChoice choice, ExecutionProvider executionProvider) => (executionProvider, choice) switch
    {
        (ExecutionProvider.Cuda, PowerSourceChoice.Rapl or PowerSourceChoice.Estimate) =>
            $"measures only the CPU, but a {JsonEnumName.Of(executionProvider)} run's energy is its GPU's: use nvml (or auto), or none",
        (ExecutionProvider.Cpu, PowerSourceChoice.Nvml) =>
            $"measures only NVIDIA GPUs, but a {JsonEnumName.Of(executionProvider)} run's energy is the CPU's: use rapl, estimate (or auto), or none",
        _ => null,
    };

    public static PowerSourceSelection Open(PowerSourceChoice choice, PowerOptions options, IReadOnlyList<PowerSourceChoice>? autoOrder = null)
    {
        if (choice == PowerSourceChoice.None)
            return new PowerSourceSelection(PowerSourceChoice.None, null, "power measurement turned off", []);

        var tried = new List<UnavailableSource>();
        foreach (var candidate in choice == PowerSourceChoice.Auto ? autoOrder ?? AutoOrder : [choice])
        {
            try
            {
                return new PowerSourceSelection(candidate, OpenOne(candidate, options), null, tried);
            }
            catch (PowerSourceException e)
            {
                tried.Add(new UnavailableSource(candidate, e.Kind, e.Message));
            }
        }
        var reason = string.Join("; ", tried.Select(t => $"{JsonEnumName.Of(t.Source)}: {t.Reason}"));
        return new PowerSourceSelection(PowerSourceChoice.None, null, reason, tried);
    }

    private static IPowerSource OpenOne(PowerSourceChoice source, PowerOptions options) => source switch
    {
        PowerSourceChoice.Nvml => NvmlPowerSource.Open(options),
        PowerSourceChoice.Rapl => RaplPowerSource.Open(options.PowercapRoot, options.OpenPowercapFile),
        PowerSourceChoice.Estimate => CpuTdpEstimateSource.Open(options),
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "not a single source"),
    };
}
