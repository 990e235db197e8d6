namespace InferBench.Fidelity;

/// <summary>How much of the evaluation text is scored and in which windows (README.md beside this file).</summary>
/// <param name="MaxScoredTokens">The most tokens whose likelihood is scored (--quality-tokens); fewer when the text is shorter.</param>
/// <param name="WindowTokens">Tokens appended per window; lowered to the model's context − 1 when that is shorter.</param>
/// <param name="StrideTokens">Tokens between window starts: each window after the first scores its last StrideTokens tokens.</param>
/// <param name="IntraOpThreads">ONNX Runtime intra-op threads; null leaves ONNX Runtime's choice.</param>
public sealed record TextQualityOptions(
    int MaxScoredTokens = TextQualityOptions.DefaultMaxScoredTokens,
    int WindowTokens = TextQualityOptions.DefaultWindowTokens,
    int StrideTokens = TextQualityOptions.DefaultStrideTokens,
    int? IntraOpThreads = null)
{
    /// <summary>16,384 scored tokens: arithmetic for a 3.8B model on one GPU in README.md beside this file.</summary>
    public const int DefaultMaxScoredTokens = 16_384;
    /// <summary>llama.cpp's perplexity tool's default context.</summary>
    public const int DefaultWindowTokens = 512;
    public const int DefaultStrideTokens = 256;

    /// <summary>The window and stride for a model whose context holds <paramref name="contextLength"/> tokens.</summary>
    public (int Window, int Stride) FitTo(int contextLength)
    {
        var window = Math.Min(WindowTokens, contextLength - 1);
        return (window, Math.Min(StrideTokens, Math.Max(1, window / 2)));
    }
}
