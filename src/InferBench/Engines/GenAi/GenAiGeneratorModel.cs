using InferBench.Models;
using InferBench.Telemetry.Power;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace InferBench.Engines.GenAi;

/// <summary>A GenAI model folder loaded for the <see cref="GenAiGeneratorEngine"/>.</summary>
internal sealed class GenAiGeneratorModel(string folderPath, Model model) : IEngineModel
{
    /// <summary>Read on first use, so loading (which a run times) reads nothing more.</summary>
    private readonly Lazy<(string OutputName, int VocabSize)> _logits =
        new(() => (LogitsOutputName.Read(folderPath), GenAiModelFolder.Inspect(folderPath).VocabSize));

    public int[] Tokenize(string text)
    {
        try
        {
            using var tokenizer = new Tokenizer(model);
            using var sequences = tokenizer.Encode(text);
            return sequences[0].ToArray();
        }
        catch (OnnxRuntimeGenAIException e)
        {
            throw GenAiErrors.Translate(e);
        }
    }

    public IRepetitionRunner RepetitionRunner(PlanPoint point, PowerMeter? meter) => new GenAiRepetitionRunner(model, point, meter);

    /// <remarks>GenAI hands back [1, sequence length, vocab] after a multi-token append; that shape is checked.</remarks>
    public float[] Logits(int[] tokens)
    {
        var (outputName, vocabSize) = _logits.Value;
        try
        {
            using var parameters = new GeneratorParams(model);
            // One past the sequence: GenAI refuses a prompt that already fills max_length.
            parameters.SetSearchOption("max_length", tokens.Length + 1);
            parameters.SetSearchOption("batch_size", 1);
            using var generator = new Generator(model, parameters);
            generator.AppendTokens(tokens);
            using var logits = generator.GetOutput(outputName);

            long[] expected = [1, tokens.Length, vocabSize];
            if (!logits.Shape().SequenceEqual(expected))
                throw new EngineException(EngineFailure.Failed,
                    $"{folderPath}: {outputName} after appending {tokens.Length} tokens has shape [{string.Join(", ", logits.Shape())}]; " +
                    $"expected [{string.Join(", ", expected)}], the logits of every position");
            return logits.Type() switch
            {
                ElementType.float32 => logits.GetData<float>().ToArray(),
                ElementType.float16 => Widen(logits.GetData<Half>()),
                var other => throw new EngineException(EngineFailure.Failed, $"{folderPath}: {outputName} is {other}; expected float32 or float16"),
            };
        }
        catch (OnnxRuntimeGenAIException e)
        {
            throw GenAiErrors.Translate(e);
        }
    }

    public void Dispose() => model.Dispose();

    private static float[] Widen(ReadOnlySpan<Half> halves)
    {
        var values = new float[halves.Length];
        for (var i = 0; i < halves.Length; i++)
            values[i] = (float)halves[i];
        return values;
    }
}
