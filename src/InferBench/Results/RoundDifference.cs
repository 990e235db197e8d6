namespace InferBench.Results;

/// <summary>
/// One metric of one plan point in a later sweep round against round 1 of the same run: geometric means of the
/// measured repetitions, the change (round / round 1 - 1, a fraction) and its 95% Welch interval on log values.
/// </summary>
/// <param name="Metric">"decodeTokensPerSecond" (tokens/s) or "timeToFirstTokenMilliseconds" (ms), as in <c>compare --json</c>.</param>
/// <param name="FlagsRun">The change lies outside its interval at the run's level (<see cref="RoundDrift.RunConfidenceLevel"/>), so it flags the run as drifted.</param>
/// <param name="ChangeCi95Low">Lower bound of the interval of the change; null with fewer than 3 usable repetitions on a side.</param>
public sealed record RoundDifference(
    string Model,
    string Variant,
    string Precision,
    string ExecutionProvider,
    int BatchSize,
    int PromptTokens,
    int GenTokens,
    string Metric,
    int Round,
    double BaselineGeometricMean,
    double RoundGeometricMean,
    int BaselineRepetitions,
    int RoundRepetitions,
    double Change,
    double? ChangeCi95Low,
    double? ChangeCi95High,
    NoiseVerdict Verdict,
    bool FlagsRun);
