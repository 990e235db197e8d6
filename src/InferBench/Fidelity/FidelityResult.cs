namespace InferBench.Fidelity;

/// <summary>
/// How far a variant's next-token distributions are from the reference's over the same teacher-forced tokens
/// (definitions in README.md beside this file). Identical logits give exactly 0, 0, 1 and 0.
/// </summary>
/// <param name="MeanKlDivergenceNats">Mean over positions of KL(reference ‖ variant), in nats.</param>
/// <param name="P99KlDivergenceNats">99th percentile (Hyndman–Fan type 7) of the same per-position values.</param>
/// <param name="Top1Agreement">Fraction of positions, 0 to 1, where both models' most likely next token is the same.</param>
/// <param name="MeanGreedyLogProbDeltaNats">
/// Mean over positions of log p_variant(g) − log p_reference(g), where g is the reference's most likely next token:
/// negative when the variant is less sure of what the reference would generate greedily.
/// </param>
/// <param name="Positions">Positions the statistics rest on: sequences × tokens per sequence.</param>
public sealed record FidelityResult(
    double MeanKlDivergenceNats,
    double P99KlDivergenceNats,
    double Top1Agreement,
    double MeanGreedyLogProbDeltaNats,
    int Positions);
