namespace InferBench.Telemetry.Power;

/// <summary>The outcome of opening a power source: the source, or why there is none, and the sources tried before it.</summary>
/// <param name="Opened">Which source <see cref="Source"/> is; <see cref="PowerSourceChoice.None"/> when there is none.</param>
/// <param name="UnavailableReason">Null exactly when <see cref="Source"/> is set.</param>
public sealed record PowerSourceSelection(
    PowerSourceChoice Opened,
    IPowerSource? Source,
    string? UnavailableReason,
    IReadOnlyList<UnavailableSource> Tried);
