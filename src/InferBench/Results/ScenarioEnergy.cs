namespace InferBench.Results;

/// <summary>
/// Energy of one scenario. Every figure comes from one source, named by <see cref="Source"/> (measured-nvml-counter,
/// measured-nvml-power, measured-rapl, estimated-cpu-tdp or unavailable); figures that could not be had are null, never zero.
/// </summary>
/// <param name="Status">Status of the window over the measured generations: ok, too-short or unavailable.</param>
/// <param name="Reason">Why a figure is missing, or a note (for example: the window was lengthened with extra generations).</param>
/// <param name="Generations">Full generations inside the window: the measured repetitions, plus extra ones when they alone were too short to measure.</param>
/// <param name="WindowSeconds">Length of that window.</param>
/// <param name="Joules">Energy of the window (gross, idle included).</param>
/// <param name="JoulesPerGeneratedToken">Joules / (generations x batch x gen tokens): prefill included, idle included.</param>
/// <param name="NetJoulesPerGeneratedToken">The same, less the idle power measured before the sweep over the window's duration; null for an
/// estimate, whose idle baseline is only this process's own CPU time.</param>
/// <param name="PrefillJoulesPerPromptToken">Sum of the prefill windows / (measured repetitions x batch x prompt tokens), when every prefill window was long enough.</param>
/// <param name="DecodeJoulesPerGeneratedToken">Sum of the decode windows / (measured repetitions x batch x (gen tokens - 1)), when every decode window was long enough.</param>
/// <param name="LoadJoules">Energy of loading the model (the same for every point of a variant).</param>
/// <param name="Throttled">True when clocks were held down by power or temperature during the window; null when the source cannot tell.</param>
/// <param name="CrossCheckRelativeDifference">Where the source has both a counter and power readings: |counter - integrated power| / counter over the window.</param>
/// <param name="CrossCheckDisagrees">True when that difference is above the tolerance, so one of the two readings is not to be trusted.</param>
/// <param name="Devices">State of each measured device after the point: clocks, power limit, temperature, throttle reasons.</param>
public sealed record ScenarioEnergy(
    string Source,
    string Status,
    string? Reason,
    int Generations,
    double WindowSeconds,
    double? Joules,
    double? AverageWatts,
    double? PeakWatts,
    double? JoulesPerGeneratedToken,
    double? NetJoulesPerGeneratedToken,
    double? PrefillJoulesPerPromptToken,
    double? DecodeJoulesPerGeneratedToken,
    double? LoadJoules,
    bool? Throttled,
    IReadOnlyList<DeviceState> Devices,
    double? CrossCheckRelativeDifference = null,
    bool? CrossCheckDisagrees = null)
{
    /// <summary>
    /// This window's energy as unavailable for <paramref name="reason"/>: every figure dropped, the window's generations
    /// and length kept (they say how long the point ran).
    /// </summary>
    public ScenarioEnergy AsUnavailable(string reason) => new(
        "unavailable", "unavailable", reason, Generations, WindowSeconds,
        Joules: null, AverageWatts: null, PeakWatts: null, JoulesPerGeneratedToken: null, NetJoulesPerGeneratedToken: null,
        PrefillJoulesPerPromptToken: null, DecodeJoulesPerGeneratedToken: null, LoadJoules: null, Throttled: null, Devices: []);
}
