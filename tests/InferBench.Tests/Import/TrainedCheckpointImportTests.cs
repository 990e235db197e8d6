using InferBench.Engines;
using InferBench.Fidelity;
using InferBench.Results;
using InferBench.Tests.Support;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace InferBench.Tests.Import;

/// <summary>
/// The imported trained checkpoint, run by ONNX Runtime GenAI, computes what an independent PyTorch implementation computed
/// from the same BF16 weights (../shared/fixtures/models/tiny-trained-llama-hf/reference).
/// </summary>
public sealed class TrainedCheckpointImportTests(TrainedLlamaImport imported) : IClassFixture<TrainedLlamaImport>
{
    [SkippableFact]
    public void The_first_16_logit_rows_of_chunk_0_match_pytorch_to_1e_3()
    {
        var folder = imported.Require();
        var reference = TrainedLlamaImport.LoadReference();
        var (shape, expected) = NpyFile.ReadFloat32(TrainedLlamaImport.ReferencePath("logits_chunk0_first16.npy"));
        var vocab = shape[1];

        var logits = Logits(folder, reference.Chunks[0]);

        Assert.Equal([16, 50257], shape);
        for (var row = 0; row < shape[0]; row++)
            LogitAssert.Close(expected.AsSpan(row * vocab, vocab), logits.AsSpan(row * vocab, vocab), 1e-3, $"chunk 0 position {row}");
    }

    [SkippableFact]
    public void Each_chunks_perplexity_matches_pytorch_to_0_1_percent_and_so_does_their_whole()
    {
        var folder = imported.Require();
        var reference = TrainedLlamaImport.LoadReference();
        var (totalNll, totalTargets, top1Agreeing) = (0.0, 0, 0);

        for (var c = 0; c < reference.Chunks.Length; c++)
        {
            var chunk = reference.Chunks[c];
            var logits = Logits(folder, chunk);
            var vocab = logits.Length / chunk.Length;
            var nll = 0.0;
            for (var i = 0; i + 1 < chunk.Length; i++)
            {
                var row = logits.AsSpan(i * vocab, vocab);
                nll += TextQualityMeter.NegativeLogLikelihood(row, chunk[i + 1]);
                top1Agreeing += row.IndexOf(MaxOf(row)) == reference.Top1[c][i] ? 1 : 0;
            }
            var expected = Math.Exp(-reference.TokenLogprob[c].Average());
            var perplexity = Math.Exp(nll / (chunk.Length - 1));
            Assert.True(Math.Abs(perplexity / expected - 1) < 1e-3, $"chunk {c}: perplexity {perplexity:F4}, PyTorch {expected:F4}");
            (totalNll, totalTargets) = (totalNll + nll, totalTargets + chunk.Length - 1);
        }

        var whole = Math.Exp(totalNll / totalTargets);
        Assert.True(Math.Abs(whole / reference.Perplexity - 1) < 1e-3, $"perplexity {whole:F4}, PyTorch {reference.Perplexity:F4}");
        // Near-ties may flip in float32, but hardly any.
        Assert.True(top1Agreeing >= 0.99 * totalTargets, $"top-1 agrees with PyTorch at {top1Agreeing} of {totalTargets} positions");
    }

    [SkippableFact]
    public void The_default_quality_measurement_on_the_evaluation_text_gives_the_reference_windowed_perplexity_within_0_5_percent()
    {
        var folder = imported.Require();
        var reference = TrainedLlamaImport.LoadReference();
        var text = File.ReadAllText(TrainedLlamaImport.ReferencePath("eval.txt"));

        var result = TextQualityMeter.Measure(InferenceEngines.Default, (folder, ExecutionProvider.Cpu), [], text, new TextQualityOptions());

        Assert.True(Math.Abs(result.Reference.Perplexity / reference.Windows512256Perplexity - 1) < 5e-3,
            $"perplexity {result.Reference.Perplexity:F4} over {result.ScoredTokens} tokens (window {result.WindowTokens}, stride {result.StrideTokens}); PyTorch {reference.Windows512256Perplexity:F4}");
    }

    [SkippableFact]
    public void The_llama_cpp_method_scores_the_second_half_of_each_chunk_as_pytorch_does()
    {
        // llama.cpp with a 256-token context: four chunks of the text's first 1,024 ids, each from its own start (GPT-2's
        // tokenizer adds no BOS), positions 128..254 scoring targets 129..255. PyTorch's per-position log-probabilities
        // of the same four chunks give the expected perplexity.
        const int Chunk = 256;
        var folder = imported.Require();
        var reference = TrainedLlamaImport.LoadReference();
        var text = File.ReadAllText(TrainedLlamaImport.ReferencePath("eval.txt"));
        var scoredPerChunk = Chunk - Chunk / 2 - 1;

        var result = TextQualityMeter.Measure(InferenceEngines.Default, (folder, ExecutionProvider.Cpu), [], text,
            new TextQualityOptions(MaxScoredTokens: reference.Chunks.Length * scoredPerChunk, WindowTokens: Chunk, Method: QualityMethod.LlamaCpp));

        var expected = Math.Exp(-reference.TokenLogprob.SelectMany(chunk => chunk[(Chunk / 2)..(Chunk - 1)]).Average());
        Assert.Equal(reference.Chunks.Length * scoredPerChunk, result.ScoredTokens);
        Assert.Null(result.BosTokenId);
        // Scoring one position early or late moves it by 1.2e-3 here, so the tolerance is well below that.
        Assert.True(Math.Abs(result.Reference.Perplexity / expected - 1) < 2e-4,
            $"perplexity {result.Reference.Perplexity:F4} over {result.ScoredTokens} tokens; PyTorch {expected:F4}");
    }

    /// <returns>[position × vocab] logits of every position of <paramref name="tokens"/>, in one append.</returns>
    private static float[] Logits(string folder, int[] tokens)
    {
        using var model = new Model(folder);
        using var parameters = new GeneratorParams(model);
        parameters.SetSearchOption("max_length", tokens.Length + 1);
        using var generator = new Generator(model, parameters);
        generator.AppendTokens(tokens);
        using var logits = generator.GetOutput("logits");
        return logits.GetData<float>().ToArray();
    }

    private static float MaxOf(ReadOnlySpan<float> values)
    {
        var max = float.NegativeInfinity;
        foreach (var value in values)
            max = Math.Max(max, value);
        return max;
    }
}
