using InferBench.Engines;
using InferBench.Results;
using InferBench.Telemetry;
using InferBench.Telemetry.Power;

namespace InferBench.Runner;

/// <summary>A session's power meter, the same for a static-batch run and a serving run: opened as the configuration asks, recorded in run.json.</summary>
internal static class SessionPower
{
    /// <summary>The meter <paramref name="power"/> asks for (NVML first where the run's provider is CUDA); null for none.</summary>
    /// <param name="runnable">The providers this build and host can run (<see cref="ExecutionProviderChoice.RunnableHere"/>).</param>
    public static PowerMeter? Open(RunPowerSettings power, RunPlanRecord plan, HostFacts host, IReadOnlyList<ExecutionProvider> runnable) =>
        power.Source == PowerSourceChoice.None
            ? null
            : PowerMeter.Start(power.Source, PowerOptions.FromEnvironment(host, power.Cpu, ProviderOptionParser.CudaDeviceOf(plan)), new PowerMeterOptions(),
                PowerSources.AutoOrderFor(runnable.Contains(ExecutionProvider.Cuda) ? plan.ExecutionProvider : ExecutionProvider.Cpu));

    /// <summary>Why no power source could be opened for a run that asked for one; null when one was (or none was asked for).</summary>
    public static string? UnavailableReason(PowerMeter? meter) => meter is { Selection.Source: null } ? meter.Selection.UnavailableReason : null;

    /// <summary>What run.json records of the meter and the idle power measured before and after.</summary>
    public static PowerSetup Setup(PowerMeter meter, TimeSpan idle, PowerWindowResult? idleBefore, PowerWindowResult? idleAfter)
    {
        var source = meter.Selection.Source;
        return new PowerSetup(
            JsonEnumName.Of(meter.Selection.Label),
            source?.Method ?? "none",
            source?.Notes ?? [],
            meter.Selection.UnavailableReason,
            idle.TotalSeconds,
            idleBefore?.AveragePower?.Watts,
            idleAfter?.AveragePower?.Watts,
            source is null ? [] : meter.Snapshot().Select(d => d.Device.Name).ToArray(),
            idleBefore?.Duration.TotalSeconds,
            idleAfter?.Duration.TotalSeconds);
    }
}
