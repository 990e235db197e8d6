using InferBench.Results;
using InferBench.Statistics;

namespace InferBench.Fidelity;

/// <summary>
/// How far a variant's next-token distributions are from the reference's over the same teacher-forced tokens
/// (definitions in README.md beside this file). Identical logits give exactly 0, 0, 1 and 0.
/// </summary>
/// <param name="KlDivergenceNats">KL(reference ‖ variant) per position, in nats: mean ± standard error, extremes and llama.cpp's percentiles.</param>
/// <param name="Top1Agreement">Fraction of positions, 0 to 1, where both models' most likely next token is the same.</param>
/// <param name="Top1AgreementStandardError">Its standard error, sqrt(p(1 − p) / (n − 1)).</param>
/// <param name="MeanGreedyLogProbDeltaNats">
/// Mean over positions of log p_variant(g) − log p_reference(g), where g is the reference's most likely next token:
/// negative when the variant is less sure of what the reference would generate greedily.
/// </param>
/// <param name="Positions">Positions the statistics rest on: sequences × tokens per sequence, or the scored tokens of a text.</param>
/// <param name="TokenProbabilityDelta">
/// On text: Δp = p_variant(t) − p_reference(t) per scored token, t the text's next token, as a probability; null on random
/// tokens, whose next token is noise.
/// </param>
/// <param name="TokenProbabilityDeltaRms">RMS of Δp and its standard error; null where <paramref name="TokenProbabilityDelta"/> is.</param>
public sealed record FidelityResult(
    TokenDistribution KlDivergenceNats,
    double Top1Agreement,
    double Top1AgreementStandardError,
    double MeanGreedyLogProbDeltaNats,
    int Positions,
    TokenDistribution? TokenProbabilityDelta = null,
    (double Value, double StandardError)? TokenProbabilityDeltaRms = null)
{
    public double MeanKlDivergenceNats => KlDivergenceNats.Mean;

    /// <summary>99th percentile (Hyndman–Fan type 7) of the per-position KL.</summary>
    public double P99KlDivergenceNats => KlDivergenceNats.At(99)!.Value;

    /// <summary>The figures of positions compared one by one, each list in position order.</summary>
    /// <param name="probabilityDeltas">Δp per position on text; null on random tokens.</param>
    /// <exception cref="ArgumentException">No positions, lists of different lengths, or a value that is not finite.</exception>
    public static FidelityResult From(IReadOnlyList<double> klDivergencesNats, IReadOnlyList<bool> top1Agrees, IReadOnlyList<double> greedyLogProbDeltasNats,
        IReadOnlyList<double>? probabilityDeltas)
    {
        var positions = klDivergencesNats.Count;
        if (top1Agrees.Count != positions || greedyLogProbDeltasNats.Count != positions || (probabilityDeltas is not null && probabilityDeltas.Count != positions))
            throw new ArgumentException("every figure needs one value per position");
        var agreement = (double)top1Agrees.Count(agrees => agrees) / positions;
        return new FidelityResult(
            TokenStatistics.Distribution(klDivergencesNats, TokenStatistics.KlDivergencePercents),
            agreement, TokenStatistics.ProportionStandardError(agreement, positions),
            greedyLogProbDeltasNats.Sum() / positions, positions,
            probabilityDeltas is null ? null : TokenStatistics.Distribution(probabilityDeltas, TokenStatistics.ProbabilityDeltaPercents),
            probabilityDeltas is null ? null : TokenStatistics.RootMeanSquare(probabilityDeltas));
    }
}
