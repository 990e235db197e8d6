namespace InferBench.Results;

/// <summary>
/// The raw timings of one repetition (one full generation of the plan point), all from one Stopwatch.
/// Metric definitions are in docs/methods.md. Energy per phase is recorded for measured repetitions when a power source is in use.
/// </summary>
public sealed record RepetitionSample(
    RepetitionPhase Phase,
    int Iteration,
    int GeneratedTokens,
    double PrefillSeconds,
    double TimeToFirstTokenSeconds,
    double DecodeSeconds,
    double EndToEndSeconds,
    IReadOnlyList<double> DecodeStepMilliseconds,
    PhaseEnergy? PrefillEnergy = null,
    PhaseEnergy? DecodeEnergy = null);
