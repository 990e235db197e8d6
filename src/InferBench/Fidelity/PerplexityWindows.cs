namespace InferBench.Fidelity;

/// <summary>
/// A window teacher-forced perplexity runs over a token stream (README.md beside this file). <see cref="Plan"/>'s
/// windows (the text method) cover tokens [k·stride, k·stride + length) and score the targets no earlier window scored,
/// so every scored token is predicted once, and after the first window with at least length − stride tokens of context.
/// <see cref="Chunks"/> are llama.cpp's: non-overlapping, each scoring its second half.
/// </summary>
/// <param name="Start">Index of the window's first token in the stream.</param>
/// <param name="Length">Tokens appended for the window.</param>
/// <param name="FirstScored">Index (in the stream) of the first target this window scores; its last target is Start + Length − 1.</param>
/// <param name="StartToken">The token appended in place of the stream's token at <paramref name="Start"/> (llama.cpp's BOS at each chunk's start); null: the stream's own.</param>
public readonly record struct PerplexityWindow(int Start, int Length, int FirstScored, int? StartToken = null)
{
    public int ScoredTokens => Start + Length - FirstScored;

    /// <summary>The window's logits row that predicts the stream's token <paramref name="target"/>.</summary>
    public int RowOf(int target) => target - Start - 1;

    /// <summary>The tokens appended for the window: the stream's, its first replaced by <see cref="StartToken"/> where there is one.</summary>
    public int[] TokensOf(int[] stream)
    {
        var tokens = stream[Start..(Start + Length)];
        if (StartToken is { } first)
            tokens[0] = first;
        return tokens;
    }

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

    /// <summary>Tokens a chunk of <paramref name="chunkTokens"/> scores: its positions chunk/2 .. chunk − 2 predict its last chunk − chunk/2 − 1 tokens.</summary>
    public static int ScoredPerChunk(int chunkTokens) => chunkTokens - chunkTokens / 2 - 1;

    /// <summary>
    /// llama.cpp's chunks: chunk i appends tokens [i·chunk, (i + 1)·chunk), its first replaced by <paramref name="bosTokenId"/>
    /// where given, and scores tokens i·chunk + chunk/2 + 1 .. (i + 1)·chunk − 1. As many chunks as
    /// <paramref name="minScoredTokens"/> needs (rounded up to whole chunks), at most as many whole chunks as the stream holds.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A chunk shorter than 3 tokens (it would score none), or a stream shorter than one chunk.</exception>
    public static IReadOnlyList<PerplexityWindow> Chunks(int streamTokens, int minScoredTokens, int chunkTokens, int? bosTokenId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkTokens, 3);
        ArgumentOutOfRangeException.ThrowIfLessThan(streamTokens, chunkTokens);
        ArgumentOutOfRangeException.ThrowIfLessThan(minScoredTokens, 1);
        var count = Math.Min(ChunksFor(minScoredTokens, chunkTokens), streamTokens / chunkTokens);
        return [.. Enumerable.Range(0, count).Select(i => new PerplexityWindow(i * chunkTokens, chunkTokens, i * chunkTokens + chunkTokens / 2 + 1, bosTokenId))];
    }

    /// <summary>Chunks of <paramref name="chunkTokens"/> that score at least <paramref name="minScoredTokens"/>.</summary>
    public static int ChunksFor(int minScoredTokens, int chunkTokens) => (minScoredTokens + ScoredPerChunk(chunkTokens) - 1) / ScoredPerChunk(chunkTokens);
}
