using InferBench.Telemetry.Power.Estimate;

namespace InferBench.Telemetry.Power;

/// <summary>What the user says of the whole CPU chip for the estimate; null parts are looked up in the TDP table.</summary>
/// <param name="Tdp">The whole chip's power (--cpu-tdp-watts).</param>
/// <param name="HardwareThreads">The whole chip's hardware threads (--cpu-threads), not the ones a VM sees.</param>
public sealed record CpuRating(Power? Tdp, int? HardwareThreads)
{
    public static CpuRating FromTable { get; } = new(null, null);

    /// <summary>
    /// Why this rating cannot give watts per thread for <paramref name="cpuModel"/>, naming the inputs involved
    /// (<see cref="PowerInputs.CpuTdpWatts"/>, <see cref="PowerInputs.CpuThreads"/>); null when it can.
    /// </summary>
    /// <param name="visibleLogicalCores">
    /// The logical cores this machine shows (<see cref="Environment.ProcessorCount"/>): the chip has at least as many
    /// hardware threads, so fewer would charge one thread's share of the TDP to several threads.
    /// </param>
    public InputFieldException? ProblemFor(string cpuModel, int visibleLogicalCores)
    {
        if (Tdp is { } tdp && !PowerInputs.CpuTdpWatts.Accepts(tdp.Watts))
            return new InputRangeException([PowerInputs.CpuTdpWatts.Field], PowerInputs.CpuTdpWatts.Expected, InputRange.Format(tdp.Watts));
        if (HardwareThreads is { } threads && !PowerInputs.CpuThreads.Accepts(threads))
            return new InputRangeException([PowerInputs.CpuThreads.Field], PowerInputs.CpuThreads.Expected, InputRange.Format(threads));
        if (HardwareThreads < visibleLogicalCores)
            return new([PowerInputs.CpuThreads.Field],
                $"{HardwareThreads} hardware threads is fewer than the {visibleLogicalCores} logical cores this machine shows; " +
                "the chip has at least as many, and fewer would charge each busy thread more than its share of the TDP " +
                "(give the whole chip's threads, not this VM's)");
        if (CpuTdpTable.Find(cpuModel) is not null || (Tdp is null) == (HardwareThreads is null))
            return null;
        return new([PowerInputs.CpuTdpWatts.Field, PowerInputs.CpuThreads.Field], Tdp is not null
            ? $"the given TDP is the whole chip's, but \"{cpuModel}\" is not in the TDP table, so its hardware threads are unknown: " +
              "give both (the whole chip's threads, not this VM's)"
            : $"\"{cpuModel}\" is not in the TDP table, so the given threads need the chip's TDP too: give both");
    }
}
