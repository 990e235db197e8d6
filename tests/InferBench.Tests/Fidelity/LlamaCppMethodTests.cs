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
    public void A_variants_statistics_are_llama_cpps_with_dp_on_the_texts_token_not_the_greedy_one()
    {
        // 8 chunks of 8, 3 tokens scored in each: 24, over llama.cpp's 10 for standard errors.
        int[] tokens = [7, .. Enumerable.Range(0, 63).Select(i => 10 + i * 13 % 37)];
        var reference = ScriptedLogitsEngine.ModelFolder(_temp.Combine("reference"), Vocab, contextLength: 64, bosTokenId: 7);
        var variant = ScriptedLogitsEngine.ModelFolder(_temp.Combine("variant"), Vocab, contextLength: 64, bosTokenId: 7);
        const double Noise = 0.6;
        var engine = new ScriptedLogitsEngine(Vocab, tokens, new Dictionary<string, double> { [variant] = Noise });

        var result = TextQualityMeter.Measure(engine, (reference, ExecutionProvider.Cpu), [(variant, ExecutionProvider.Cpu)], "any text", Options(24));

        // Written out from llama.cpp's kl_divergence loop: sums of values, squares and products over the scored tokens.
        var (n, sumNll, sumNll2, sumBase, sumBase2, sumCross) = (0, 0.0, 0.0, 0.0, 0.0, 0.0);
        var (sumKl, sumKl2, sumDp, sumDp2, sumDp4, sameTop, sumGreedyDp) = (0.0, 0.0, 0.0, 0.0, 0.0, 0, 0.0);
        var dps = new List<double>();
        for (var chunk = 0; chunk < 8; chunk++)
        {
            int[] appended = [7, .. tokens[(chunk * Chunk + 1)..((chunk + 1) * Chunk)]];
            var baseLogits = ScriptedLogitsEngine.LogitsOf(appended, Vocab);
            var logits = ScriptedLogitsEngine.LogitsOf(appended, Vocab, Noise);
            for (var position = Chunk / 2; position <= Chunk - 2; position++)
            {
                var logBase = LogSoftmax(baseLogits.AsSpan(position * Vocab, Vocab));
                var log = LogSoftmax(logits.AsSpan(position * Vocab, Vocab));
                var token = tokens[chunk * Chunk + position + 1];
                var (nll, nllBase) = (-log[token], -logBase[token]);
                var kl = Enumerable.Range(0, Vocab).Sum(v => Math.Exp(logBase[v]) * (logBase[v] - log[v]));
                var dp = Math.Exp(-nll) - Math.Exp(-nllBase);
                var greedy = Array.IndexOf(logBase, logBase.Max());
                (n, sumNll, sumNll2, sumBase, sumBase2, sumCross) = (n + 1, sumNll + nll, sumNll2 + nll * nll, sumBase + nllBase, sumBase2 + nllBase * nllBase, sumCross + nll * nllBase);
                (sumKl, sumKl2, sumDp, sumDp2, sumDp4) = (sumKl + kl, sumKl2 + kl * kl, sumDp + dp, sumDp2 + dp * dp, sumDp4 + dp * dp * dp * dp);
                sameTop += greedy == Array.IndexOf(log, log.Max()) ? 1 : 0;
                sumGreedyDp += Math.Exp(log[greedy]) - Math.Exp(logBase[greedy]);
                dps.Add(dp);
            }
        }
        static (double Mean, double Error) MeanAndError(double sum, double sum2, int count) =>
            (sum / count, Math.Sqrt((sum2 / count - sum / count * (sum / count)) / (count - 1)));
        var (lnPpl, lnPplError) = MeanAndError(sumNll, sumNll2, n);
        var (lnPplBase, lnPplBaseError) = MeanAndError(sumBase, sumBase2, n);
        var covariance = (sumCross / n - sumNll / n * (sumBase / n)) / (n - 1);
        var (klMean, klError) = MeanAndError(sumKl, sumKl2, n);
        var (dpMean, dpError) = MeanAndError(sumDp, sumDp2, n);
        var (meanSquare, meanSquareError) = MeanAndError(sumDp2, sumDp4, n);
        var top = (double)sameTop / n;
        var sortedDps = dps.Order().ToArray();
        var medianDp = (sortedDps[11] + sortedDps[12]) / 2;

        var (likelihood, fidelity) = (result.Variants[0].Likelihood!, result.Variants[0].Fidelity!);
        Assert.Equal(24, n);
        Assert.Equal((24, 24), (result.ScoredTokens, fidelity.Positions));
        Assert.Equal(Math.Exp(lnPpl), likelihood.Perplexity, 1e-9);
        Assert.Equal(Math.Exp(lnPpl) * lnPplError, likelihood.PerplexityStandardError, 1e-9);
        Assert.Equal(Math.Exp(lnPplBase) * lnPplBaseError, likelihood.ReferencePerplexityStandardError, 1e-9);
        Assert.Equal(lnPpl - lnPplBase, likelihood.LnRatio, 1e-9);
        Assert.Equal(Math.Sqrt(lnPplError * lnPplError + lnPplBaseError * lnPplBaseError - 2 * covariance), likelihood.LnRatioStandardError, 1e-9);
        Assert.Equal(covariance / (lnPplError * lnPplBaseError), likelihood.Correlation!.Value, 1e-9);
        Assert.Equal((klMean, klError), (fidelity.KlDivergenceNats.Mean, fidelity.KlDivergenceNats.MeanStandardError), new PairTolerance(1e-9));
        Assert.Equal((dpMean, dpError), (fidelity.TokenProbabilityDelta!.Mean, fidelity.TokenProbabilityDelta.MeanStandardError), new PairTolerance(1e-9));
        Assert.Equal((sortedDps[0], medianDp, sortedDps[^1]), (fidelity.TokenProbabilityDelta.Minimum,
            fidelity.TokenProbabilityDelta.Percentiles.Single(p => p.Percent == 50).Value, fidelity.TokenProbabilityDelta.Maximum));
        Assert.Equal((Math.Sqrt(meanSquare), 0.5 / Math.Sqrt(meanSquare) * meanSquareError), fidelity.TokenProbabilityDeltaRms!.Value, new PairTolerance(1e-9));
        Assert.Equal((top, Math.Sqrt(top * (1 - top) / (n - 1))), (fidelity.Top1Agreement, fidelity.Top1AgreementStandardError), new PairTolerance(1e-12));
        // The script makes the figures discriminate: models that disagree, and a greedy token that is not always the text's.
        Assert.InRange(top, 0.1, 0.9);
        // (Δp of the reference's greedy token would miss the mean asserted above by far more than its 1e-9.)
        Assert.True(Math.Abs(sumGreedyDp / n - dpMean) > 1e-6, $"Δp of the greedy token {sumGreedyDp / n} and of the text's {dpMean}");
    }

    private static double[] LogSoftmax(ReadOnlySpan<float> logits)
    {
        var values = logits.ToArray().Select(logit => (double)logit).ToArray();
        var max = values.Max();
        var logSum = max + Math.Log(values.Sum(value => Math.Exp(value - max)));
        return [.. values.Select(value => value - logSum)];
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
