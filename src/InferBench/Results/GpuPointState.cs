namespace InferBench.Results;

/// <summary>
/// The GPU around one point's measured repetitions on an NVML run, so a report can show whether a later variant was
/// measured on a hotter or throttled GPU.
/// </summary>
/// <param name="SteadyState">The warmup until power and temperature settled; null when it was off (--steady-max-seconds 0).</param>
/// <param name="AtStart">Each measured GPU just before the first measured repetition.</param>
/// <param name="AtEnd">Each measured GPU just after the last measured repetition.</param>
public sealed record GpuPointState(SteadyStateRecord? SteadyState, IReadOnlyList<DeviceState> AtStart, IReadOnlyList<DeviceState> AtEnd);
