using InferBench.Fidelity;

namespace InferBench.Tests.Fidelity;

public sealed class PositionComparisonTests
{
    [Fact]
    public void Kl_agreement_and_log_prob_delta_match_values_worked_by_hand()
    {
        // p = softmax(0, 0) = (1/2, 1/2); q = softmax(ln 3, 0) = (3/4, 1/4).
        var comparison = PositionComparison.Of([0f, 0f], [MathF.Log(3), 0f]);

        Assert.Equal(0.5 * Math.Log(0.5 / 0.75) + 0.5 * Math.Log(0.5 / 0.25), comparison.KlDivergenceNats, 1e-7);
        Assert.True(comparison.Top1Agrees); // the tie in p resolves to the first token, q's favourite
        Assert.Equal(Math.Log(0.75 / 0.5), comparison.GreedyLogProbDeltaNats, 1e-7);
    }

    [Fact]
    public void Different_favourites_disagree_and_the_variant_is_less_sure_of_the_references()
    {
        var comparison = PositionComparison.Of([2f, 0f, 0f], [0f, 2f, 0f]);

        Assert.False(comparison.Top1Agrees);
        Assert.True(comparison.GreedyLogProbDeltaNats < 0);
        Assert.True(comparison.KlDivergenceNats > 0);
    }

    [Fact]
    public void Identical_logits_give_exactly_zero()
    {
        float[] logits = [3.25f, -1f, 0.125f, 7f, 7f];

        var comparison = PositionComparison.Of(logits, logits);

        Assert.Equal(new PositionComparison(0.0, true, 0.0), comparison);
    }

    [Fact]
    public void Huge_logits_neither_overflow_nor_lose_the_answer()
    {
        // softmax(1000, 0) ≈ (1, e^-1000); softmax(1000, 1000) = (1/2, 1/2): KL ≈ ln 2.
        var comparison = PositionComparison.Of([1000f, 0f], [1000f, 1000f]);

        Assert.Equal(Math.Log(2), comparison.KlDivergenceNats, 1e-9);
        Assert.Equal(-Math.Log(2), comparison.GreedyLogProbDeltaNats, 1e-9);
    }

    [Fact]
    public void Mismatched_vocabularies_are_refused()
    {
        Assert.Throws<ArgumentException>(() => PositionComparison.Of([0f, 1f], [0f, 1f, 2f]));
    }
}
