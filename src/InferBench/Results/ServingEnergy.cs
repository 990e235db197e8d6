namespace InferBench.Results;

/// <summary>
/// Energy of one serving point, from one source (the labels of <see cref="ScenarioEnergy.Source"/>); figures that could
/// not be had are null, never zero.
/// </summary>
/// <param name="Gross">The whole point, warmup and drain included.</param>
/// <param name="JoulesPerOutputToken">Gross joules / every output token of the point.</param>
/// <param name="SteadyStateStartSeconds">When the steady-state window opened (the offered load first in force after warmup), from the point's start; null: it never opened.</param>
/// <param name="SteadyStateEndSeconds">When it closed (the drain began).</param>
/// <param name="SteadyStateJoules">Energy inside the steady-state window.</param>
/// <param name="SteadyStateOutputTokens">Output tokens generated inside that window.</param>
/// <param name="SteadyStateJoulesPerOutputToken">Steady-state joules / steady-state output tokens.</param>
public sealed record ServingEnergy(
    string Source,
    string Status,
    string? Reason,
    ScenarioEnergy Gross,
    double? JoulesPerOutputToken,
    double? SteadyStateStartSeconds,
    double? SteadyStateEndSeconds,
    double? SteadyStateJoules,
    long? SteadyStateOutputTokens,
    double? SteadyStateJoulesPerOutputToken);
