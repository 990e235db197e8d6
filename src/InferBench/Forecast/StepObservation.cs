namespace InferBench.Forecast;

/// <summary>
/// One measured step a fit uses: a decode step (one token per sequence) or a whole prefill, with the bytes it moves and
/// the FLOPs it does by <see cref="ModelFacts"/>, and the seconds it took (from the median rate of the point).
/// </summary>
/// <param name="ContextTokens">Decode: the mean context over the generated tokens (prompt + gen / 2). Prefill: the prompt.</param>
public sealed record StepObservation(
    string Phase,
    int BatchSize,
    int PromptTokens,
    int GenTokens,
    double ContextTokens,
    double Bytes,
    double Flops,
    int Layers,
    double MeasuredSeconds)
{
    public const string Decode = "decode";
    public const string Prefill = "prefill";
}
