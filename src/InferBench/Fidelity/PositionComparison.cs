namespace InferBench.Fidelity;

/// <summary>One position's next-token distributions compared: see <see cref="FidelityResult"/> for the definitions.</summary>
public readonly record struct PositionComparison(double KlDivergenceNats, bool Top1Agrees, double GreedyLogProbDeltaNats)
{
    /// <summary>Compares softmax(reference) with softmax(variant), in double precision.</summary>
    public static PositionComparison Of(ReadOnlySpan<float> referenceLogits, ReadOnlySpan<float> variantLogits)
    {
        if (referenceLogits.Length != variantLogits.Length || referenceLogits.Length == 0)
            throw new ArgumentException($"logits of {referenceLogits.Length} and {variantLogits.Length} tokens cannot be compared");
        var referenceLogZ = LogSumExp(referenceLogits);
        var variantLogZ = LogSumExp(variantLogits);
        var kl = 0.0;
        for (var i = 0; i < referenceLogits.Length; i++)
        {
            var referenceLogP = referenceLogits[i] - referenceLogZ;
            kl += Math.Exp(referenceLogP) * (referenceLogP - (variantLogits[i] - variantLogZ));
        }
        var greedy = ArgMax(referenceLogits);
        var delta = (variantLogits[greedy] - variantLogZ) - (referenceLogits[greedy] - referenceLogZ);
        return new PositionComparison(kl, greedy == ArgMax(variantLogits), delta);
    }

    /// <summary>log Σ exp(x), shifted by the largest x so no exponential overflows.</summary>
    public static double LogSumExp(ReadOnlySpan<float> logits)
    {
        double max = logits[ArgMax(logits)];
        var sum = 0.0;
        foreach (var logit in logits)
            sum += Math.Exp(logit - max);
        return max + Math.Log(sum);
    }

    /// <summary>The first index of the largest value, so ties resolve the same way in both models.</summary>
    private static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
            if (values[i] > values[best])
                best = i;
        return best;
    }
}
