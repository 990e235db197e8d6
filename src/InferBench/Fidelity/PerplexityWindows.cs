namespace InferBench.Fidelity;

/// <summary>
/// The windows teacher-forced perplexity runs over a token stream (README.md beside this file): window k covers tokens
/// [k·stride, k·stride + length), and scores the targets no earlier window scored, so every scored token is predicted
/// once, and after the first window with at least length − stride tokens of context.
/// </summary>
/// <param name="Start">Index of the window's first token in the stream.</param>
/// <param name="Length">Tokens appended for the window.</param>
/// <param name="FirstScored">Index (in the stream) of the first target this window scores; its last target is Start + Length − 1.</param>
public readonly record struct PerplexityWindow(int Start, int Length, int FirstScored)
{
    public int ScoredTokens => Start + Length - FirstScored;

    /// <summary>The window's logits row that predicts the stream's token <paramref name="target"/>.</summary>
    public int RowOf(int target) => target - Start - 1;

    /// <param name="streamTokens">Tokens in the stream; targets are tokens 1 .. min(<paramref name="maxScoredTokens"/>, tokens − 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">A window shorter than 2 tokens, a stride outside 1 .. length − 1, or fewer than 2 tokens.</exception>
    public static IReadOnlyList<PerplexityWindow> Plan(int streamTokens, int maxScoredTokens, int windowTokens, int strideTokens)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowTokens, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(strideTokens, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(strideTokens, windowTokens - 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(streamTokens, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxScoredTokens, 1);
        var end = (int)Math.Min((long)maxScoredTokens + 1, streamTokens);
        var windows = new List<PerplexityWindow>();
        var scoredUpTo = 1;
        for (var start = 0; scoredUpTo < end; start += strideTokens)
        {
            var length = Math.Min(windowTokens, end - start);
            windows.Add(new PerplexityWindow(start, length, scoredUpTo));
            scoredUpTo = start + length;
        }
        return windows;
    }
}
