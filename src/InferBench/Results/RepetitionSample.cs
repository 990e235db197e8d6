namespace InferBench.Results;

/// <summary>
/// The raw timings of one repetition (one full generation of the plan point), all from one Stopwatch.
/// Metric definitions are in README.md.
/// </summary>
public sealed record RepetitionSample(
    RepetitionPhase Phase,
    int Iteration,
    int GeneratedTokens,
    double PrefillSeconds,
    double TimeToFirstTokenSeconds,
    double DecodeSeconds,
    double EndToEndSeconds,
    IReadOnlyList<double> DecodeStepMilliseconds);
