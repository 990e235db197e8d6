namespace InferBench.Results;

/// <summary>How energy was measured in a run: the source, its method in words, and the idle baseline.</summary>
/// <param name="Source">The energy_source label every row's figures carry.</param>
/// <param name="Method">How the source obtains energy, in words (an estimate says it is one).</param>
/// <param name="UnavailableReason">Why no source could be opened, when <paramref name="Source"/> is unavailable.</param>
/// <param name="IdleWattsBefore">Average power while idle before the sweep, measured by the same source.</param>
/// <param name="IdleSeconds">How long each idle measurement was asked to last.</param>
/// <param name="IdleWattsAfter">The same after the sweep (the machine is warmer then).</param>
/// <param name="IdleSecondsBefore">How long the idle measurement before the sweep really lasted: less than
/// <paramref name="IdleSeconds"/> when a signal cut it short. Null when it was not taken.</param>
/// <param name="IdleSecondsAfter">The same for the idle measurement after the sweep.</param>
public sealed record PowerSetup(
    string Source,
    string Method,
    IReadOnlyList<string> Notes,
    string? UnavailableReason,
    double IdleSeconds,
    double? IdleWattsBefore,
    double? IdleWattsAfter,
    IReadOnlyList<string> Devices,
    double? IdleSecondsBefore = null,
    double? IdleSecondsAfter = null);
