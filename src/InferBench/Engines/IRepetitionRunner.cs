using InferBench.Results;

namespace InferBench.Engines;

/// <summary>Runs the repetitions of one plan point on a loaded model, each a full greedy generation of the point's batch.</summary>
public interface IRepetitionRunner
{
    /// <summary>
    /// One repetition, its phases timed with one Stopwatch: prefill, the first token, then every decode step. Generation
    /// cannot stop early at an end-of-sequence token, so every sequence generates the point's gen tokens.
    /// </summary>
    /// <param name="promptTokens">batch x prompt tokens ids, row after row.</param>
    /// <exception cref="EngineException">The runtime failed.</exception>
    /// <exception cref="InvalidOperationException">A sequence generated another number of tokens than planned.</exception>
    RepetitionSample Run(int[] promptTokens, RepetitionPhase phase, int iteration);
}
