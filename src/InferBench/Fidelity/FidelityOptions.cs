using InferBench.Results;

namespace InferBench.Fidelity;

/// <summary>What <see cref="FidelityMeter"/> feeds both models and how it runs them.</summary>
/// <param name="Sequences">Seeded random token sequences, each run on its own (batch 1).</param>
/// <param name="SequenceLengthTokens">Tokens per sequence; every position's next-token distribution is compared.</param>
/// <param name="Seed">Seed of the token sequences; the same seed gives the same tokens for any model with the same vocabulary.</param>
/// <param name="ExecutionProvider">GenAI provider both models run on: the CPU or CUDA.</param>
/// <param name="IntraOpThreads">ONNX Runtime intra-op threads; null leaves ONNX Runtime's choice.</param>
public sealed record FidelityOptions(
    int Sequences = FidelityOptions.DefaultSequences,
    int SequenceLengthTokens = FidelityOptions.DefaultSequenceLengthTokens,
    int Seed = 1,
    ExecutionProvider ExecutionProvider = ExecutionProvider.Cpu,
    int? IntraOpThreads = null)
{
    /// <summary>8 × 128 = 1,024 positions: the p99 KL then rests on the top ~10 positions.</summary>
    public const int DefaultSequences = 8;
    public const int DefaultSequenceLengthTokens = 128;

    public int Positions => Sequences * SequenceLengthTokens;

    /// <exception cref="ArgumentOutOfRangeException">A count below 1.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Sequences, 1, nameof(Sequences));
        ArgumentOutOfRangeException.ThrowIfLessThan(SequenceLengthTokens, 1, nameof(SequenceLengthTokens));
    }
}
