namespace InferBench.Results;

/// <summary>
/// How each measured plan point moved between the sweep rounds of one run (<see cref="RunPlanRecord.Rounds"/>): every
/// later round against round 1. Even rounds run the variants in reverse order, so a machine that heats up or a variant
/// that gains from running after another shows as a difference larger than the repetitions' noise.
/// </summary>
/// <param name="Method">How the intervals are made: "welch-t-on-log-values", as <c>compare</c>'s.</param>
/// <param name="LargerThanNoise">True when at least one difference's 95% interval excludes no change: the run drifted.</param>
public sealed record RoundDrift(
    string Method,
    double ConfidenceLevel,
    bool LargerThanNoise,
    IReadOnlyList<RoundDifference> Differences);
