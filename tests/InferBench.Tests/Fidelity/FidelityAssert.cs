using InferBench.Fidelity;
using InferBench.Statistics;

namespace InferBench.Tests.Fidelity;

internal static class FidelityAssert
{
    /// <summary>A model against itself: every figure exactly that of identical distributions, with llama.cpp's statistics.</summary>
    /// <param name="onText">Δp is measured on text only (random tokens' next token is noise).</param>
    public static void Identical(FidelityResult result, int positions, bool onText)
    {
        Assert.Equal((0.0, 0.0, 1.0, 0.0, positions), (result.MeanKlDivergenceNats, result.P99KlDivergenceNats, result.Top1Agreement, result.MeanGreedyLogProbDeltaNats, result.Positions));
        Assert.Equal((0.0, 0.0, 0.0), (result.KlDivergenceNats.MeanStandardError, result.KlDivergenceNats.Minimum, result.KlDivergenceNats.Maximum));
        Assert.Equal(TokenStatistics.KlDivergencePercents, result.KlDivergenceNats.Percentiles.Select(p => p.Percent));
        Assert.All(result.KlDivergenceNats.Percentiles, p => Assert.Equal(0.0, p.Value));
        Assert.Equal(0.0, result.Top1AgreementStandardError);
        if (!onText)
        {
            Assert.Null(result.TokenProbabilityDelta);
            Assert.Null(result.TokenProbabilityDeltaRms);
            return;
        }
        Assert.Equal((0.0, 0.0, 0.0, 0.0), (result.TokenProbabilityDelta!.Mean, result.TokenProbabilityDelta.MeanStandardError, result.TokenProbabilityDelta.Minimum, result.TokenProbabilityDelta.Maximum));
        Assert.Equal(TokenStatistics.ProbabilityDeltaPercents, result.TokenProbabilityDelta.Percentiles.Select(p => p.Percent));
        Assert.Equal((0.0, 0.0), result.TokenProbabilityDeltaRms);
    }
}
