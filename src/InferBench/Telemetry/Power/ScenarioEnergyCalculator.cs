using System.Globalization;
using InferBench.Results;

namespace InferBench.Telemetry.Power;

/// <summary>Turns a point's energy windows into per-token figures; a figure that cannot be had stays null, never zero.</summary>
public static class ScenarioEnergyCalculator
{
    public const string TooShortPhaseNote = "shorter than a few updates of the power source";

    /// <summary>Said with every figure integrated from NVML power readings (Yang et al., arXiv 2312.02741).</summary>
    public const string NvmlPartTimePowerNote =
        "integrated from NVML power readings, which on A100/H100-class GPUs sample the board's power only about 25% of the time, " +
        "so the figure needs windows of seconds and can miss short peaks; the energy counter, where a GPU has one, does not";

    /// <param name="generation">The window over <paramref name="generations"/> full generations of the point.</param>
    /// <param name="measured">The measured repetitions, with their prefill and decode windows.</param>
    public static ScenarioEnergy From(
        PowerWindowResult generation,
        int generations,
        IReadOnlyList<RepetitionSample> measured,
        int batchSize,
        int promptTokens,
        int genTokens,
        IdleBaseline? idle,
        double? loadJoules,
        IReadOnlyList<DeviceState> devices,
        string? note)
    {
        var generatedTokens = (double)generations * batchSize * genTokens;
        var net = idle is null ? null : generation.NetOf(idle);
        var prefill = PhaseJoules(measured.Select(r => r.PrefillEnergy));
        var decode = PhaseJoules(measured.Select(r => r.DecodeEnergy));
        return new ScenarioEnergy(
            JsonEnumName.Of(generation.Source),
            JsonEnumName.Of(generation.Status),
            Reason(generation, note, PhaseNote("prefill", prefill), PhaseNote("decode", decode)),
            generations,
            generation.Duration.TotalSeconds,
            generation.Energy?.Joules,
            generation.AveragePower?.Watts,
            generation.PeakPower?.Watts,
            generation.Energy?.Joules / generatedTokens,
            net?.Joules / generatedTokens,
            prefill.Joules / ((double)measured.Count * batchSize * promptTokens),
            decode.Joules / ((double)measured.Count * batchSize * (genTokens - 1)),
            loadJoules,
            generation.Throttled,
            devices,
            generation.CrossCheck?.RelativeDifference,
            generation.CrossCheck?.Disagrees);
    }

    /// <summary>
    /// A window over work that is not repetitions of one generation (a serving point's requests): its figures per output
    /// token, gross and (with an idle baseline of the same source) net, with no prefill or decode split.
    /// </summary>
    /// <param name="requests">The requests that finished inside the window (recorded as its generations).</param>
    public static ScenarioEnergy OfWindow(
        PowerWindowResult window, int requests, long outputTokens, IdleBaseline? idle, double? loadJoules, IReadOnlyList<DeviceState> devices, string? note)
    {
        var net = idle is null ? null : window.NetOf(idle);
        return new ScenarioEnergy(
            JsonEnumName.Of(window.Source),
            JsonEnumName.Of(window.Status),
            Reason(window, note),
            requests,
            window.Duration.TotalSeconds,
            window.Energy?.Joules,
            window.AveragePower?.Watts,
            window.PeakPower?.Watts,
            outputTokens > 0 ? window.Energy?.Joules / outputTokens : null,
            outputTokens > 0 ? net?.Joules / outputTokens : null,
            PrefillJoulesPerPromptToken: null,
            DecodeJoulesPerGeneratedToken: null,
            loadJoules,
            window.Throttled,
            devices,
            window.CrossCheck?.RelativeDifference,
            window.CrossCheck?.Disagrees);
    }

    /// <summary>The window's own reason, the NVML part-time note, the caller's note, a counter/power disagreement and the phases' notes, joined; null when there is none.</summary>
    private static string? Reason(PowerWindowResult window, string? note, params string?[] phaseNotes)
    {
        var crossCheck = window.CrossCheck is { Disagrees: true } check
            ? string.Create(CultureInfo.InvariantCulture,
                $"the energy counter and integrated power disagree by {check.RelativeDifference:P0} (tolerance {check.Tolerance:P0}): treat this figure with care")
            : null;
        var partTime = window.Source == EnergySource.MeasuredNvmlPower ? NvmlPartTimePowerNote : null;
        string?[] reasons = [window.Reason, partTime, note, crossCheck, .. phaseNotes];
        return string.Join("; ", reasons.Where(r => r is not null)) is { Length: > 0 } reason ? reason : null;
    }

    /// <summary>The phase's total over all repetitions, or the status that kept one of them from counting.</summary>
    private static (double? Joules, string? Problem) PhaseJoules(IEnumerable<PhaseEnergy?> windows)
    {
        var all = windows.ToArray();
        if (all.Length == 0 || all.Any(w => w is null))
            return (null, JsonEnumName.Of(PowerWindowStatus.Unavailable));
        var notMeasured = all.FirstOrDefault(w => w!.Joules is null);
        return notMeasured is null ? (all.Sum(w => w!.Joules!.Value), null) : (null, notMeasured.Status);
    }

    private static string? PhaseNote(string phase, (double? Joules, string? Problem) total) => total.Problem switch
    {
        null => null,
        "too-short" => $"{phase} J/token unavailable: its windows are {TooShortPhaseNote}",
        var status => $"{phase} J/token unavailable ({status})",
    };
}
