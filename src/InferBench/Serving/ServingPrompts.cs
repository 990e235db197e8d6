using InferBench.Engines;
using InferBench.Runner;

namespace InferBench.Serving;

/// <summary>
/// Each request's prompt: seeded random token ids below the vocabulary size (<see cref="PromptFactory"/>), different for
/// every request so no prefix is shared by chance, after the shared prefix's tokens, the same in every request.
/// </summary>
/// <remarks>
/// Prompts differ from point to point too (they follow the engine request id, which runs on across a target's points): a
/// prefix-caching engine keeps the blocks of finished requests, so a later point that repeated an earlier point's prompts
/// would be served from the cache, its TTFT and throughput not those of the workload asked for.
/// </remarks>
public sealed class ServingPrompts
{
    private readonly int _seed;
    private readonly int _vocabSize;
    private readonly int[] _prefix;

    /// <param name="mostSharedPrefixTokens">The longest prefix any request shares.</param>
    public ServingPrompts(int seed, int vocabSize, int mostSharedPrefixTokens)
    {
        _seed = seed;
        _vocabSize = vocabSize;
        _prefix = PromptFactory.RandomTokens(seed, new PlanPoint(1, mostSharedPrefixTokens, 0), vocabSize);
    }

    /// <param name="requestId">The request's engine id, unique among a target's points.</param>
    public int[] For(int requestId, RequestLength length)
    {
        var tokens = PromptFactory.RandomTokens(unchecked(_seed * 31 + requestId + 1), new PlanPoint(1, length.PromptTokens, length.OutputTokens), _vocabSize);
        _prefix.AsSpan(0, length.SharedPrefixTokens).CopyTo(tokens);
        return tokens;
    }
}
