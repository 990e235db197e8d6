using InferBench.Results;
using InferBench.Runner;
using InferBench.Telemetry.Power;

namespace InferBench.Serving;

/// <summary>
/// A point's energy from its two windows, with the static path's source labels: gross over the whole point (warmup and
/// drain included) per output token, and the steady-state window's (opened once the offered load was in force after
/// warmup, closed when the drain began, as ML.ENERGY's) per token generated inside it.
/// </summary>
internal static class ServingEnergyCalculator
{
    /// <param name="otherHardware">Why the meter's energy is not this row's (<see cref="SweepEnergy.OtherHardwareThan"/>); null when it is.</param>
    /// <returns>Null without a gross window (no meter).</returns>
    public static ServingEnergy? From(PointRecording recording, SweepEnergy energy, string? otherHardware, double? loadJoules)
    {
        if (recording.Gross is not { } window)
            return null;
        var gross = ScenarioEnergyCalculator.OfWindow(
            window, recording.Requests.Count(r => r.Completed), recording.Requests.Sum(r => (long)r.Tokens), energy.IdleBefore, loadJoules,
            energy.DeviceStates(), note: null);
        if (otherHardware is not null)
        {
            gross = gross.AsUnavailable(otherHardware);
            return new ServingEnergy(gross.Source, gross.Status, otherHardware, gross, null, null, null, null, null, null);
        }

        var steady = recording.Steady is { Status: PowerWindowStatus.Ok, Energy: { } joules } ? joules.Joules : (double?)null;
        var steadyNote = recording.SteadyStart is null
            ? "steady-state J/token unavailable: the offered load was never in force after warmup"
            : steady is null ? $"steady-state J/token unavailable: its window is {JsonEnumName.Of(recording.Steady?.Status ?? PowerWindowStatus.Unavailable)}"
            : recording.SteadyOutputTokens == 0 ? "steady-state J/token unavailable: no token was generated inside its window" : null;
        return new ServingEnergy(
            gross.Source,
            gross.Status,
            steadyNote is null ? gross.Reason : gross.Reason is null ? steadyNote : $"{gross.Reason}; {steadyNote}",
            gross,
            gross.JoulesPerGeneratedToken,
            Seconds(recording.SteadyStart - recording.Start),
            Seconds(recording.SteadyEnd - recording.Start),
            steady,
            recording.SteadyStart is null ? null : recording.SteadyOutputTokens,
            recording.SteadyOutputTokens > 0 ? steady / recording.SteadyOutputTokens : null);
    }

    private static double? Seconds(TimeSpan? span) => span?.TotalSeconds;
}
