namespace InferBench.Telemetry.Power;

/// <summary>The outcome of opening a power source: the source, or why there is none, and the sources tried before it.</summary>
/// <param name="Opened">Which source <see cref="Source"/> is; <see cref="PowerSourceChoice.None"/> when there is none.</param>
/// <param name="UnavailableReason">Null exactly when <see cref="Source"/> is set.</param>
public sealed record PowerSourceSelection(
    PowerSourceChoice Opened,
    IPowerSource? Source,
    string? UnavailableReason,
    IReadOnlyList<UnavailableSource> Tried)
{
    /// <summary>What the source's figures are labelled: its counter where it has one, else its power readings; unavailable without a source.</summary>
    public EnergySource Label => Source is null ? EnergySource.Unavailable
        : Source.CounterSource != EnergySource.Unavailable ? Source.CounterSource
        : Source.PowerSource;
}
