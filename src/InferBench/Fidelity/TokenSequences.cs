using InferBench.Synthetic;

namespace InferBench.Fidelity;

/// <summary>Seeded token sequences, uniform over the vocabulary: no tokenizer or text needed, the same for every model sharing the vocabulary.</summary>
public static class TokenSequences
{
    public static int[][] Create(int seed, int sequences, int lengthTokens, int vocabSize)
    {
        var random = new Xoshiro256StarStar((ulong)(uint)seed);
        return Enumerable.Range(0, sequences)
            .Select(_ => Enumerable.Range(0, lengthTokens).Select(_ => (int)(random.NextUInt64() % (ulong)vocabSize)).ToArray())
            .ToArray();
    }
}
