using InferBench.Telemetry.Power.Estimate;

namespace InferBench.Telemetry.Power;

/// <summary>What the user says of the whole CPU chip for the estimate; null parts are looked up in the TDP table.</summary>
/// <param name="Tdp">The whole chip's power (--cpu-tdp-watts).</param>
/// <param name="HardwareThreads">The whole chip's hardware threads (--cpu-threads), not the ones a VM sees.</param>
public sealed record CpuRating(Power? Tdp, int? HardwareThreads)
{
    public static CpuRating FromTable { get; } = new(null, null);

    /// <summary>Why this rating cannot give watts per thread for <paramref name="cpuModel"/>; null when it can.</summary>
    /// <param name="visibleLogicalCores">
    /// The logical cores this machine shows (<see cref="Environment.ProcessorCount"/>): the chip has at least as many
    /// hardware threads, so fewer would charge one thread's share of the TDP to several threads.
    /// </param>
    public string? ProblemFor(string cpuModel, int visibleLogicalCores)
    {
        if (Tdp is { Watts: not > 0 })
            return "the CPU's power must be more than 0 W";
        if (HardwareThreads is < 1)
            return "the CPU's hardware threads must be 1 or more";
        if (HardwareThreads < visibleLogicalCores)
            return $"{HardwareThreads} hardware threads is fewer than the {visibleLogicalCores} logical cores this machine shows; " +
                   "the chip has at least as many, and fewer would charge each busy thread more than its share of the TDP " +
                   "(give the whole chip's threads, not this VM's)";
        if (CpuTdpTable.Find(cpuModel) is not null)
            return null;
        return (Tdp, HardwareThreads) switch
        {
            ({ }, null) => $"the given TDP is the whole chip's, but \"{cpuModel}\" is not in the TDP table, so its hardware threads are unknown: " +
                           "give the chip's hardware threads too (the whole chip's, not this VM's)",
            (null, { }) => $"\"{cpuModel}\" is not in the TDP table, so the given threads need the chip's TDP too",
            _ => null,
        };
    }
}
