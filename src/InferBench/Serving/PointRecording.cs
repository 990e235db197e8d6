using InferBench.Results;
using InferBench.Telemetry.Power;

namespace InferBench.Serving;

/// <summary>What <see cref="LoadDriver"/> recorded of one point, on its clock; <see cref="ServingMetricsCalculator"/> turns it into figures.</summary>
/// <param name="Start">When the point began (its first arrival in an open loop).</param>
/// <param name="Requests">Every request that arrived, in arrival order, warmup first.</param>
/// <param name="InSystem">Requests arrived and not finished, over time.</param>
/// <param name="DrainStart">When arrivals stopped (a bound was reached or the run was cancelled).</param>
/// <param name="RowsPerStep">Sum of the requests that got a token in each step that produced tokens.</param>
/// <param name="InsideSteps">Time inside the engine's runs.</param>
/// <param name="OutsideSteps">The driver's own time between consecutive engine runs, idle waits for arrivals left out.</param>
/// <param name="SteadyStart">When the steady-state window opened; null: it never did.</param>
/// <param name="SteadyEnd">When it closed (the drain began).</param>
/// <param name="SteadyOutputTokens">Tokens generated while it was open.</param>
/// <param name="Gross">The energy window over the whole point; null without a meter.</param>
/// <param name="Steady">The steady-state energy window; null without a meter or when it never opened.</param>
/// <param name="Cancelled">The run was cancelled during the point.</param>
/// <param name="CutAtTimeBound">How many requests were still in flight when the time bound's grace ran out, and were cancelled.</param>
internal sealed record PointRecording(
    ServingLoad Load,
    TimeSpan Start,
    IReadOnlyList<ServedRequest> Requests,
    InSystemTrace InSystem,
    TimeSpan DrainStart,
    int Steps,
    int StepsWithTokens,
    long RowsPerStep,
    int MostRowsInAStep,
    TimeSpan InsideSteps,
    TimeSpan OutsideSteps,
    TimeSpan? SteadyStart,
    TimeSpan? SteadyEnd,
    long SteadyOutputTokens,
    PowerWindowResult? Gross,
    PowerWindowResult? Steady,
    bool Cancelled,
    int CutAtTimeBound);
