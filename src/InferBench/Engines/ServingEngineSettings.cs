namespace InferBench.Engines;

/// <summary>How a serving engine is asked to batch; null fields leave the choice to what the model supports.</summary>
/// <param name="MaxBatchSize">The most requests in one step; null: the engine's default for the model.</param>
/// <param name="MaxScheduledTokens">The most tokens one step may schedule (continuous batching); null: the engine's default.</param>
public sealed record ServingEngineSettings(int? MaxBatchSize = null, int? MaxScheduledTokens = null)
{
    public static ServingEngineSettings Default { get; } = new();
}
