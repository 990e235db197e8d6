using InferBench.Engines;

namespace InferBench.Runner;

/// <summary>
/// Seeded random prompts: reproducible, tokenizer-free, and the same for every variant of a model,
/// so variants are compared on identical input.
/// </summary>
public static class PromptFactory
{
    /// <returns>batch x promptTokens token ids in [0, vocabSize), row after row.</returns>
    public static int[] RandomTokens(int seed, PlanPoint point, int vocabSize)
    {
        // HashCode.Combine is randomised per process, so the seed is mixed by hand to stay reproducible.
        var random = new Random(unchecked((seed * 7919 + point.BatchSize) * 7919 + point.PromptTokens));
        var tokens = new int[point.BatchSize * point.PromptTokens];
        for (var i = 0; i < tokens.Length; i++)
            tokens[i] = random.Next(vocabSize);
        return tokens;
    }

    /// <summary>The same tokenized text in every row of the batch.</summary>
    public static int[] Repeat(IReadOnlyList<int> promptTokens, int batchSize)
    {
        var tokens = new int[batchSize * promptTokens.Count];
        for (var row = 0; row < batchSize; row++)
            for (var i = 0; i < promptTokens.Count; i++)
                tokens[row * promptTokens.Count + i] = promptTokens[i];
        return tokens;
    }
}
