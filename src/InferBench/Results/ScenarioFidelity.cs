namespace InferBench.Results;

/// <summary>
/// How far a variant's next-token distributions drift from its model's reference variant (fp32, else fp16) on the
/// same seeded token sequences, teacher-forced. On synthetic random weights this measures quantization error, not
/// language quality.
/// </summary>
/// <param name="Reference">The reference variant's id.</param>
/// <param name="MeanKlDivergenceNats">Mean KL(reference || variant) over all positions, in nats.</param>
/// <param name="Top1Agreement">Share of positions where both pick the same most likely token, 0-1.</param>
/// <param name="MeanGreedyLogProbDeltaNats">Mean change of the log-probability of the reference's greedy token, in nats (negative: less likely).</param>
/// <param name="Positions">Positions the figures rest on.</param>
public sealed record ScenarioFidelity(
    string Reference,
    double MeanKlDivergenceNats,
    double P99KlDivergenceNats,
    double Top1Agreement,
    double MeanGreedyLogProbDeltaNats,
    int Positions);
