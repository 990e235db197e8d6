using InferBench.Fidelity;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Fidelity;

/// <summary>--quality-method llama.cpp through the engine seam: which tokens each chunk appends and which it scores.</summary>
public sealed class LlamaCppMethodTests : IDisposable
{
    private const int Vocab = 50;
    private const int Chunk = 8;
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>30 tokens beginning with BOS 7: three whole chunks of 8.</summary>
    private static readonly int[] Tokens = [7, .. Enumerable.Range(0, 29).Select(i => 10 + i % 37)];

    private static TextQualityOptions Options(int maxScored) => new(maxScored, Chunk, IntraOpThreads: 1, Method: QualityMethod.LlamaCpp);

    [Fact]
    public void Each_chunk_begins_with_bos_and_its_second_half_is_scored_as_llama_cpp_does()
    {
        var folder = ScriptedLogitsEngine.ModelFolder(_temp.Combine("model"), Vocab, contextLength: 64, bosTokenId: 7);
        var engine = new ScriptedLogitsEngine(Vocab, Tokens);

        // 8 tokens wanted at 3 per chunk: 3 chunks.
        var result = TextQualityMeter.Measure(engine, (folder, ExecutionProvider.Cpu), [(folder, ExecutionProvider.Cpu)], "any text", Options(8));

        int[][] chunks = [[7, .. Tokens[1..8]], [7, .. Tokens[9..16]], [7, .. Tokens[17..24]]];
        Assert.Equal([.. chunks, .. chunks], engine.Appended);
        Assert.Equal((QualityMethod.LlamaCpp, (int?)7, 9, Chunk, Chunk), (result.Method, result.BosTokenId, result.ScoredTokens, result.WindowTokens, result.StrideTokens));
        // Written out from llama.cpp's loop: positions n_ctx/2 .. n_ctx − 2 of chunk i score its tokens n_ctx/2 + 1 .. n_ctx − 1.
        var nll = 0.0;
        for (var i = 0; i < chunks.Length; i++)
        {
            var logits = ScriptedLogitsEngine.LogitsOf(chunks[i], Vocab);
            for (var position = Chunk / 2; position <= Chunk - 2; position++)
                nll += TextQualityMeter.NegativeLogLikelihood(logits.AsSpan(position * Vocab, Vocab), Tokens[i * Chunk + position + 1]);
        }
        Assert.Equal(Math.Exp(nll / 9), result.Reference.Perplexity, 1e-12);
        Assert.Equal((0.0, 0.0, 1.0), (result.Reference.LnRatio, result.Reference.LnRatioStandardError, result.Reference.Ratio));
        Assert.Equal(result.Reference, result.Variants[0].Likelihood);
        FidelityAssert.Identical(result.Variants[0].Fidelity!, 9, onText: true);
    }

    [Fact]
    public void A_tokenizer_that_does_not_begin_with_the_models_bos_leaves_each_chunk_as_the_text_has_it()
    {
        var folder = ScriptedLogitsEngine.ModelFolder(_temp.Combine("model"), Vocab, contextLength: 64, bosTokenId: 1);
        var engine = new ScriptedLogitsEngine(Vocab, Tokens);

        var result = TextQualityMeter.Measure(engine, (folder, ExecutionProvider.Cpu), [], "any text", Options(100));

        Assert.Equal([Tokens[0..8], Tokens[8..16], Tokens[16..24]], engine.Appended);
        Assert.Null(result.BosTokenId);
        Assert.Equal(9, result.ScoredTokens);
    }

    [Fact]
    public void The_chunk_is_the_window_lowered_to_the_context_minus_one()
    {
        var folder = ScriptedLogitsEngine.ModelFolder(_temp.Combine("model"), Vocab, contextLength: 11, bosTokenId: 7);
        var engine = new ScriptedLogitsEngine(Vocab, Tokens);

        var result = TextQualityMeter.Measure(engine, (folder, ExecutionProvider.Cpu), [], "any text", Options(5) with { WindowTokens = 512 });

        Assert.Equal((10, 10, 8), (result.WindowTokens, result.StrideTokens, result.ScoredTokens));
        Assert.Equal([[7, .. Tokens[1..10]], [7, .. Tokens[11..20]]], engine.Appended);
    }

    [Fact]
    public void Text_shorter_than_one_chunk_makes_quality_unavailable_saying_why()
    {
        var folder = ScriptedLogitsEngine.ModelFolder(_temp.Combine("model"), Vocab, contextLength: 64, bosTokenId: 7);

        var error = Assert.Throws<QualityUnavailableException>(() =>
            TextQualityMeter.Measure(new ScriptedLogitsEngine(Vocab, Tokens[..7]), (folder, ExecutionProvider.Cpu), [], "any text", Options(100)));

        Assert.Equal("the text makes 7 tokens; llama.cpp's method needs at least one chunk of 8 (the window, at most the context − 1)", error.Message);
    }
}
