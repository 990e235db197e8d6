using InferBench.Fidelity;

namespace InferBench.Tests.Fidelity;

public sealed class PerplexityWindowTests
{
    [Theory]
    [InlineData(1000, 16384, 512, 256)]
    [InlineData(100, 50, 16, 8)]
    [InlineData(100, 99, 16, 15)]
    [InlineData(100, 1000, 16, 1)]
    [InlineData(2, 1, 2, 1)]
    [InlineData(513, 512, 512, 256)]
    public void Every_target_is_scored_once_in_order_with_at_least_window_minus_stride_tokens_of_context_after_the_first_window(
        int streamTokens, int maxScored, int window, int stride)
    {
        var windows = PerplexityWindow.Plan(streamTokens, maxScored, window, stride);

        var targets = windows.SelectMany(w => Enumerable.Range(w.FirstScored, w.ScoredTokens)).ToArray();
        Assert.Equal(Enumerable.Range(1, Math.Min(maxScored, streamTokens - 1)), targets);
        Assert.All(windows, w => Assert.InRange(w.Length, 2, window));
        Assert.All(windows.Skip(1), w => Assert.True(w.FirstScored - w.Start >= window - stride || w.Start + w.Length == targets[^1] + 1));
        Assert.All(windows, w => Assert.True(w.RowOf(w.FirstScored) >= 0));
        Assert.Equal(0, windows[0].Start);
    }

    [Fact]
    public void The_default_windows_score_the_last_stride_tokens_of_each_window()
    {
        var windows = PerplexityWindow.Plan(10_000, 1024, 512, 256);

        Assert.Equal([(0, 512, 1), (256, 512, 512), (512, 512, 768), (768, 257, 1024)], windows.Select(w => (w.Start, w.Length, w.FirstScored)));
    }

    [Theory]
    [InlineData(1, 1, 2, 1)]
    [InlineData(10, 0, 2, 1)]
    [InlineData(10, 5, 1, 1)]
    [InlineData(10, 5, 4, 4)]
    [InlineData(10, 5, 4, 0)]
    public void Plans_that_cannot_score_are_refused(int streamTokens, int maxScored, int window, int stride) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PerplexityWindow.Plan(streamTokens, maxScored, window, stride));

    [Fact]
    public void Llama_cpp_chunks_do_not_overlap_and_score_positions_half_to_n_ctx_minus_2_of_each()
    {
        // 1,000 tokens wanted at 255 per 512-token chunk: 4 chunks (1,020 scored), of the 19 the stream holds.
        var chunks = PerplexityWindow.Chunks(10_000, 1000, 512, bosTokenId: 1);

        Assert.Equal([(0, 512, 257, 1), (512, 512, 769, 1), (1024, 512, 1281, 1), (1536, 512, 1793, 1)],
            chunks.Select(c => (c.Start, c.Length, c.FirstScored, c.StartToken ?? -1)));
        // llama.cpp: logits of positions first = n_ctx/2 .. n_ctx − 2 score the chunk's tokens first + 1 .. n_ctx − 1.
        Assert.All(chunks, c => Assert.Equal((256, 510, 255), (c.RowOf(c.FirstScored), c.RowOf(c.Start + c.Length - 1), c.ScoredTokens)));
        Assert.Equal(255, PerplexityWindow.ScoredPerChunk(512));
    }

    [Theory]
    [InlineData(1100, 16384, 512, 2)]
    [InlineData(1024, 255, 512, 1)]
    [InlineData(1024, 256, 512, 2)]
    [InlineData(511, 1, 3, 1)]
    [InlineData(9, 100, 3, 3)]
    public void There_are_as_many_chunks_as_the_tokens_wanted_need_at_most_the_streams_whole_chunks(int streamTokens, int minScored, int chunk, int expected)
    {
        var chunks = PerplexityWindow.Chunks(streamTokens, minScored, chunk, bosTokenId: null);

        Assert.Equal(expected, chunks.Count);
        Assert.All(chunks, c => Assert.Null(c.StartToken));
        Assert.True(chunks[^1].Start + chunks[^1].Length <= streamTokens);
    }

    [Theory]
    [InlineData(511, 10, 512)]
    [InlineData(10, 10, 2)]
    [InlineData(10, 0, 4)]
    public void Chunks_that_cannot_score_are_refused(int streamTokens, int minScored, int chunk) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PerplexityWindow.Chunks(streamTokens, minScored, chunk, bosTokenId: null));

    [Fact]
    public void A_chunk_appends_its_tokens_with_the_first_replaced_by_bos_and_leaves_the_stream_as_it_was()
    {
        int[] stream = [.. Enumerable.Range(100, 12)];

        var chunks = PerplexityWindow.Chunks(stream.Length, 100, 4, bosTokenId: 7);

        Assert.Equal([[7, 101, 102, 103], [7, 105, 106, 107], [7, 109, 110, 111]], chunks.Select(c => c.TokensOf(stream)));
        Assert.Equal(Enumerable.Range(100, 12), stream);
        Assert.Equal([103, 107, 111], chunks.Select(c => stream[c.FirstScored]));
        Assert.Equal([102, 103, 104, 105], new PerplexityWindow(2, 4, 3).TokensOf(stream));
    }
}
