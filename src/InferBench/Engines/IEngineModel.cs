using InferBench.Telemetry.Power;

namespace InferBench.Engines;

/// <summary>A model an <see cref="IInferenceEngine"/> has loaded; disposing it frees the model.</summary>
public interface IEngineModel : IDisposable
{
    /// <summary>The text's token ids by the model's own tokenizer.</summary>
    /// <remarks>Only for a folder with its tokenizer files (<see cref="Models.GenAiModelFolder.MissingTokenizerFile"/> is null).</remarks>
    /// <exception cref="EngineException">The tokenizer cannot be used.</exception>
    int[] Tokenize(string text);

    /// <summary>
    /// What runs the repetitions of <paramref name="point"/>; with a <paramref name="meter"/>, each measured repetition also
    /// gets a prefill and a decode energy window.
    /// </summary>
    IRepetitionRunner RepetitionRunner(PlanPoint point, PowerMeter? meter);

    /// <summary>
    /// Teacher-forced logits: <paramref name="tokens"/> appended whole, once, as one sequence, and the logits of every
    /// position, each the distribution of the token after it.
    /// </summary>
    /// <returns>[position × vocab] as float32 (float16 logits are widened exactly).</returns>
    /// <exception cref="EngineException">The runtime failed, or gave logits of another shape or element type.</exception>
    float[] Logits(int[] tokens);
}
