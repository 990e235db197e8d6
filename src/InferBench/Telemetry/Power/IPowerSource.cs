namespace InferBench.Telemetry.Power;

/// <summary>
/// A place power and energy can be read from (NVML, RAPL, the CPU-time estimate). Sources decide what they can
/// read once, when opened; vendor return codes are translated there and in <see cref="LastReadProblem"/>.
/// Calls are serialised by <see cref="PowerMeter"/>.
/// </summary>
public interface IPowerSource : IDisposable
{
    /// <summary>How energy is obtained, in one line, recorded beside every figure.</summary>
    string Method { get; }

    /// <summary>Caveats found when opening (device ordering, averaged power readings), worth showing with results.</summary>
    IReadOnlyList<string> Notes { get; }

    /// <summary>Label of energies taken from the counter; <see cref="EnergySource.Unavailable"/> when there is none.</summary>
    EnergySource CounterSource { get; }

    /// <summary>Label of energies integrated from power readings; <see cref="EnergySource.Unavailable"/> when there are none.</summary>
    EnergySource PowerSource { get; }

    /// <summary>
    /// True for hardware counters refreshed on a schedule, which read too little in windows shorter than a few
    /// refreshes; false for a counter that moves with every read (process CPU time).
    /// </summary>
    bool CounterRefreshesPeriodically { get; }

    IReadOnlyList<PowerDevice> Devices { get; }

    /// <summary>One reading, summed over <see cref="Devices"/>. Called by the background sampler: must not allocate.</summary>
    PowerReading Read();

    /// <summary>Why the last <see cref="Read"/> left a value out; null when it read everything.</summary>
    string? LastReadProblem { get; }

    /// <summary>Clocks, limits and temperatures of each device now; values the source lacks are null.</summary>
    IReadOnlyList<DeviceSnapshot> Snapshot();
}
