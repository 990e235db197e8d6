using Microsoft.ML.OnnxRuntimeGenAI;
using InferBench.Tests.Support;

namespace InferBench.Tests.Synthetic;

/// <summary>The synthetic model, run by ONNX Runtime GenAI, computes what the plain C# reference computes.</summary>
public sealed class GenAiLogitsTests(TinySyntheticModel tiny) : IClassFixture<TinySyntheticModel>
{
    private readonly ReferenceLlama _reference = new(tiny.Weights);

    private const double ReferenceTolerance = 1e-4;
    // Same float32 kernels on both sides; only the order of sums may differ (GEMV for one row, GEMM for several).
    private const double SameEngineTolerance = 1e-5;

    private const int MaxLength = 64;
    private static readonly int[] Prompt = [5, 9, 100, 7, 3, 200, 11, 12, 480, 64, 1, 33];

    private int Vocab => tiny.Weights.Config.VocabSize;

    [Fact]
    public void Prompt_logits_match_the_reference_at_every_position()
    {
        using var generator = NewGenerator(batchSize: 1);

        generator.AppendTokens(Prompt);

        var expected = _reference.Logits(Prompt);
        using var logits = generator.GetOutput("logits");
        Assert.Equal([1, Prompt.Length, Vocab], logits.Shape());
        for (var position = 0; position < Prompt.Length; position++)
            LogitAssert.Close(expected[position], Row(logits, position), ReferenceTolerance, $"prompt position {position}");
    }

    [Fact]
    public void Decode_step_logits_match_the_reference()
    {
        using var generator = NewGenerator(batchSize: 1);
        generator.AppendTokens(Prompt);

        for (var step = 0; step < 6; step++)
        {
            generator.GenerateNextToken();
            // The logits GenAI exposes after a step are the ones that chose the token it just appended.
            var sequence = generator.GetSequence(0).ToArray();
            var expected = _reference.Logits(sequence)[^2];
            using var logits = generator.GetOutput("logits");
            LogitAssert.Close(expected, LastRow(logits), ReferenceTolerance, $"decode step {step}");
            Assert.Equal(ArgMax(expected), sequence[^1]);
        }
    }

    [Fact]
    public void GenAi_shares_past_and_present_kv_buffers_sized_for_max_length()
    {
        using var generator = NewGenerator(batchSize: 2);

        generator.AppendTokens([.. Prompt, .. Prompt]);

        var config = tiny.Weights.Config;
        using var presentKey = generator.GetOutput("present.1.key");
        Assert.Equal([2, config.KeyValueHeads, MaxLength, config.HeadSize], presentKey.Shape());
    }

    [Fact]
    public void Incremental_decoding_with_the_kv_cache_equals_one_pass_over_the_whole_sequence()
    {
        int[] sequence = [.. Prompt, 17, 250, 3, 99, 500, 2, 128];
        const int promptLength = 5;
        using var onePass = NewGenerator(batchSize: 1);
        onePass.AppendTokens(sequence);
        using var allLogits = onePass.GetOutput("logits");

        using var incremental = NewGenerator(batchSize: 1);
        incremental.AppendTokens(sequence.AsSpan(0, promptLength));
        for (var position = promptLength; position < sequence.Length; position++)
        {
            incremental.AppendTokens(sequence.AsSpan(position, 1));
            using var stepLogits = incremental.GetOutput("logits");
            Assert.Equal([1, 1, Vocab], stepLogits.Shape());
            LogitAssert.Close(Row(allLogits, position), Row(stepLogits, 0), SameEngineTolerance, $"position {position}");
        }
    }

    [Fact]
    public void Each_row_of_a_batch_gets_the_logits_it_gets_alone()
    {
        int[][] prompts = [Prompt, [.. Prompt.Reverse()], [.. Prompt.Select(t => (t * 7 + 1) % Vocab)], [.. Prompt.Select(t => (t + 300) % Vocab)]];
        const int steps = 4;
        var batched = RunGreedy(prompts, steps);

        for (var row = 0; row < prompts.Length; row++)
        {
            var alone = RunGreedy([prompts[row]], steps);
            Assert.Equal(alone.Sequences[0], batched.Sequences[row]);
            for (var step = 0; step < steps; step++)
                LogitAssert.Close(alone.LastLogits[step][0], batched.LastLogits[step][row], SameEngineTolerance, $"row {row}, step {step}");
        }
    }

    /// <returns>Per step and row, the logits of the row's last position; and each row's final sequence.</returns>
    private (float[][][] LastLogits, int[][] Sequences) RunGreedy(int[][] prompts, int steps)
    {
        using var generator = NewGenerator(prompts.Length);
        generator.AppendTokens(prompts.SelectMany(p => p).ToArray());
        var lastLogits = new float[steps][][];
        for (var step = 0; step < steps; step++)
        {
            generator.GenerateNextToken();
            using var logits = generator.GetOutput("logits");
            var positions = (int)logits.Shape()[1];
            lastLogits[step] = Enumerable.Range(0, prompts.Length)
                .Select(row => logits.GetData<float>().Slice(((row + 1) * positions - 1) * Vocab, Vocab).ToArray())
                .ToArray();
        }
        var sequences = Enumerable.Range(0, prompts.Length).Select(row => generator.GetSequence((ulong)row).ToArray()).ToArray();
        return (lastLogits, sequences);
    }

    private Generator NewGenerator(int batchSize)
    {
        using var parameters = new GeneratorParams(tiny.Model);
        parameters.SetSearchOption("max_length", MaxLength);
        parameters.SetSearchOption("batch_size", batchSize);
        parameters.SetSearchOption("do_sample", false);
        return new Generator(tiny.Model, parameters);
    }

    private ReadOnlySpan<float> Row(Tensor logits, int position) => logits.GetData<float>().Slice(position * Vocab, Vocab);

    private ReadOnlySpan<float> LastRow(Tensor logits) => logits.GetData<float>()[^Vocab..];

    private static int ArgMax(double[] values) => Array.IndexOf(values, values.Max());
}
