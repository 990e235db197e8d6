using InferBench.Engines;

namespace InferBench.Fidelity;

/// <summary>
/// A model loaded for teacher forcing: whole token sequences in, the logits of every position out
/// (<see cref="IEngineModel.Logits"/>), each checked to be finite.
/// </summary>
internal sealed class TeacherForcedLogits(IInferenceEngine engine, string folderPath, int vocabSize, FidelityOptions options) : IDisposable
{
    private readonly IEngineModel _model = engine.Load(folderPath, options.ExecutionProvider, options.IntraOpThreads);

    /// <summary>The loaded model, for its tokenizer.</summary>
    public IEngineModel Model => _model;

    /// <returns>[position × vocab] as float32.</returns>
    /// <exception cref="EngineException">The engine failed, or gave other than the logits of every position.</exception>
    /// <exception cref="FidelityException">A logit is NaN or infinite.</exception>
    public float[] For(int[] tokens)
    {
        var values = _model.Logits(tokens);
        var bad = Array.FindIndex(values, value => !float.IsFinite(value));
        if (bad >= 0)
            throw new FidelityException($"{folderPath}: logit {bad % vocabSize} at position {bad / vocabSize} is {values[bad]}");
        return values;
    }

    public void Dispose() => _model.Dispose();
}
