namespace InferBench.Telemetry.Power;

/// <summary>
/// Energy over one measurement window. <see cref="Energy"/> and <see cref="AveragePower"/> are set only when
/// <see cref="Status"/> is ok: a window that cannot be measured says why instead of reading zero.
/// </summary>
/// <param name="Source">How <see cref="Energy"/> was obtained; the label of the path tried when it is too short.</param>
/// <param name="PeakPower">Highest power read in the window; where the source has only a counter, the highest
/// average over intervals of at least one counter update.</param>
/// <param name="Throttled">True when a reading in the window had clocks held down by power or temperature;
/// null when the source does not report throttling.</param>
/// <param name="ThrottleReasons">Every reason seen in the window, throttling or not (idle, for one).</param>
/// <param name="CrossCheck">Counter energy checked against integrated power, where the source has both.</param>
/// <param name="Reason">Why the window is not ok, or a note on an ok one.</param>
public sealed record PowerWindowResult(
    PowerPhase Phase,
    PowerWindowStatus Status,
    EnergySource Source,
    TimeSpan Duration,
    Energy? Energy,
    Power? AveragePower,
    Power? PeakPower,
    bool? Throttled,
    ThrottleReasons? ThrottleReasons,
    EnergyCrossCheck? CrossCheck,
    string? Reason)
{
    /// <summary>
    /// Energy above idle: this window's energy less the idle power over its duration. Null unless both are
    /// measured the same way, and null for an estimate, whose "idle power" is only this process's own CPU time
    /// while it waits; it can be negative when the idle baseline was taken hotter than the window.
    /// </summary>
    public Energy? NetOf(IdleBaseline idle) =>
        Status == PowerWindowStatus.Ok && Energy is { } gross && idle.Power is { } idlePower && idle.Source == Source
        && Source != EnergySource.EstimatedCpuTdp
            ? gross - idlePower * Duration
            : null;
}
