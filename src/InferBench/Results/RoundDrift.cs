namespace InferBench.Results;

/// <summary>
/// How each measured plan point moved between the sweep rounds of one run (<see cref="RunPlanRecord.Rounds"/>): every
/// later round against round 1. Even rounds run the variants in reverse order, so a machine that heats up or a variant
/// that gains from running after another shows as a difference larger than the repetitions' noise.
/// </summary>
/// <param name="Method">How the intervals are made: "welch-t-on-log-values", as <c>compare</c>'s.</param>
/// <param name="ConfidenceLevel">Level of each difference's interval and verdict: 0.95.</param>
/// <param name="RunConfidenceLevel">
/// Level at which a difference flags the run: 1 - 0.05 / the differences with an interval (Bonferroni), so a run
/// without drift is flagged in at most 5% of runs however many points it compares.
/// </param>
/// <param name="LargerThanNoise">True when a difference lies outside its interval at <paramref name="RunConfidenceLevel"/>: the run drifted.</param>
public sealed record RoundDrift(
    string Method,
    double ConfidenceLevel,
    double RunConfidenceLevel,
    bool LargerThanNoise,
    IReadOnlyList<RoundDifference> Differences);
