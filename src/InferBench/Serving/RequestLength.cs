namespace InferBench.Serving;

/// <summary>One request's lengths: its prompt, the tokens of it every prompt shares (the same ones), and its output.</summary>
/// <param name="SharedPrefixTokens">The first tokens of the prompt that are the same in every request; 0: none.</param>
public readonly record struct RequestLength(int PromptTokens, int OutputTokens, int SharedPrefixTokens = 0)
{
    /// <summary>What the request needs of the engine's maximum request length.</summary>
    public long TotalTokens => (long)PromptTokens + OutputTokens;
}
