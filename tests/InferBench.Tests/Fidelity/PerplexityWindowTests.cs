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
}
