namespace InferBench.Results;

/// <summary>What a serving engine was configured to do and the limits it really applies, as run.json records them.</summary>
/// <param name="Engine">The serving engine's name (such as genai-engine).</param>
/// <param name="Batching">static or dynamic (continuous batching with a paged KV cache).</param>
/// <param name="ConfiguredMaxBatchSize">The most requests per step the engine reports being configured for.</param>
/// <param name="EffectiveMaxBatchSize">The most requests per step it really runs (GenAI's static scheduler: 4, whatever is configured).</param>
/// <param name="MaxScheduledTokens">The most tokens one step may schedule; null where the engine does not say.</param>
/// <param name="MaxRequestLength">The most tokens (prompt and output) one request may reach; null where the engine does not say.</param>
/// <param name="ReusesPromptPrefix">Whether the engine can reuse a cached prompt prefix across requests.</param>
/// <param name="Notes">Where a limit comes from, in the engine's words (such as the scheduler's source line).</param>
public sealed record ServingCapabilities(
    string Engine,
    string Batching,
    int ConfiguredMaxBatchSize,
    int EffectiveMaxBatchSize,
    long? MaxScheduledTokens,
    long? MaxRequestLength,
    bool ReusesPromptPrefix,
    IReadOnlyList<string> Notes);
