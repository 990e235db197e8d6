using InferBench.Models;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace InferBench.Fidelity;

/// <summary>
/// Runs a GenAI model over whole token sequences in one AppendTokens each and returns the logits of every position,
/// the distribution of the token after it: GenAI hands back [1, sequence length, vocab] after a multi-token append.
/// </summary>
internal sealed class TeacherForcedLogits(string folderPath, string logitsOutputName, int vocabSize, FidelityOptions options) : IDisposable
{
    private readonly Model _model = GenAiModelLoader.Load(folderPath, options.ExecutionProvider, options.IntraOpThreads);

    /// <summary>The loaded model, for its tokenizer.</summary>
    public Model Model => _model;

    /// <returns>[position × vocab] as float32 (float16 logits are widened exactly).</returns>
    /// <exception cref="FidelityException">GenAI returned another shape, or a logit that is NaN or infinite.</exception>
    public float[] For(int[] tokens)
    {
        using var parameters = new GeneratorParams(_model);
        // One past the sequence: GenAI refuses a prompt that already fills max_length.
        parameters.SetSearchOption("max_length", tokens.Length + 1);
        parameters.SetSearchOption("batch_size", 1);
        using var generator = new Generator(_model, parameters);
        generator.AppendTokens(tokens);
        using var logits = generator.GetOutput(logitsOutputName);

        long[] expected = [1, tokens.Length, vocabSize];
        if (!logits.Shape().SequenceEqual(expected))
            throw new FidelityException(
                $"{folderPath}: {logitsOutputName} after appending {tokens.Length} tokens has shape [{string.Join(", ", logits.Shape())}]; " +
                $"expected [{string.Join(", ", expected)}], the logits of every position");
        var values = logits.Type() switch
        {
            ElementType.float32 => logits.GetData<float>().ToArray(),
            ElementType.float16 => Widen(logits.GetData<Half>()),
            var other => throw new FidelityException($"{folderPath}: {logitsOutputName} is {other}; expected float32 or float16"),
        };
        var bad = Array.FindIndex(values, value => !float.IsFinite(value));
        if (bad >= 0)
            throw new FidelityException($"{folderPath}: logit {bad % vocabSize} at position {bad / vocabSize} is {values[bad]}");
        return values;
    }

    public void Dispose() => _model.Dispose();

    private static float[] Widen(ReadOnlySpan<Half> halves)
    {
        var values = new float[halves.Length];
        for (var i = 0; i < halves.Length; i++)
            values[i] = (float)halves[i];
        return values;
    }
}
