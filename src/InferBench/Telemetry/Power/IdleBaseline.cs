namespace InferBench.Telemetry.Power;

/// <summary>
/// Idle power measured before a sweep and, optionally, after it (the machine is warmer then, and leakage power
/// rises with temperature), so reports can show energy per token both gross and net of idle.
/// </summary>
public sealed record IdleBaseline(PowerWindowResult Before, PowerWindowResult? After)
{
    /// <summary>Label shared by the ok windows; unavailable when none is ok or they were measured differently.</summary>
    public EnergySource Source => OkWindows is [var first, ..] && OkWindows.All(w => w.Source == first.Source)
        ? first.Source
        : EnergySource.Unavailable;

    /// <summary>Mean of the ok windows' average power; null when <see cref="Source"/> is unavailable.</summary>
    public Power? Power => Source == EnergySource.Unavailable
        ? null
        : new Power(OkWindows.Average(w => w.AveragePower!.Value.Watts));

    private PowerWindowResult[] OkWindows =>
        new[] { Before, After }.OfType<PowerWindowResult>().Where(w => w.Status == PowerWindowStatus.Ok).ToArray();
}
