namespace InferBench.Telemetry.Power;

/// <summary>What <see cref="PowerWindowCalculator"/> needs to know about the source and meter when a window ends.</summary>
/// <param name="UnavailableReason">Why the meter has no source; null when it has one.</param>
/// <param name="ReadProblem">Why an edge reading lacks a value, as the source put it.</param>
internal sealed record WindowContext(
    EnergySource CounterSource,
    EnergySource PowerSource,
    bool CounterRefreshesPeriodically,
    TimeSpan? CounterUpdatePeriod,
    PowerMeterOptions Options,
    string? UnavailableReason,
    string? ReadProblem);
