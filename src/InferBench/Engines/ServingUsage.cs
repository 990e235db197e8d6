namespace InferBench.Engines;

/// <summary>A finished request's token counts as the engine reports them.</summary>
/// <param name="CachedPromptTokens">Prompt tokens the engine did not compute again because their KV cache was reused.</param>
public readonly record struct ServingUsage(long PromptTokens, long GeneratedTokens, long CachedPromptTokens);
