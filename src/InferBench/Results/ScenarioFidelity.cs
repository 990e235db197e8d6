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
/// <param name="KlDivergenceDistributionNats">
/// KL(reference || variant) per position, in nats, as llama.cpp reports it: mean ± standard error, minimum, maximum and
/// the 0.1, 1, 5, 10, 50, 90, 95, 99 and 99.9th percentiles. Null in files written before it was recorded.
/// </param>
/// <param name="Top1AgreementStandardError">Standard error of <paramref name="Top1Agreement"/> (llama.cpp's "same top p"): sqrt(p(1 − p) / (n − 1)), 0-1.</param>
/// <param name="TokenProbabilityDelta">
/// Δp per scored token of the evaluation text: p_variant(t) − p_reference(t), where t is the text's next token, as a
/// probability (−1 to 1; reports show percentage points): mean ± standard error, minimum, maximum and the 0.1, 1, 5, 10,
/// 25, 50, 75, 90, 95, 99 and 99.9th percentiles. Null on random tokens (their next token is noise) and in older files.
/// </param>
/// <param name="TokenProbabilityDeltaRms">Root mean square of Δp, as a probability; null where <paramref name="TokenProbabilityDelta"/> is.</param>
/// <param name="TokenProbabilityDeltaRmsStandardError">Its standard error, llama.cpp's: SE(mean Δp²) / (2 · RMS).</param>
public sealed record ScenarioFidelity(
    string Reference,
    double MeanKlDivergenceNats,
    double P99KlDivergenceNats,
    double Top1Agreement,
    double MeanGreedyLogProbDeltaNats,
    int Positions,
    TokenDistribution? KlDivergenceDistributionNats = null,
    double? Top1AgreementStandardError = null,
    TokenDistribution? TokenProbabilityDelta = null,
    double? TokenProbabilityDeltaRms = null,
    double? TokenProbabilityDeltaRmsStandardError = null);
