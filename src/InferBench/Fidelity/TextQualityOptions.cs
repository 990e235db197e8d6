using InferBench.Results;

namespace InferBench.Fidelity;

/// <summary>How much of the evaluation text is scored, by which method and in which windows (README.md beside this file).</summary>
/// <param name="MaxScoredTokens">
/// The most tokens whose likelihood is scored (--quality-tokens); fewer when the text is shorter. llama.cpp's method scores
/// whole chunks: the fewest that reach it.
/// </param>
/// <param name="WindowTokens">Tokens appended per window (llama.cpp: per chunk); lowered to the model's context − 1 when that is shorter.</param>
/// <param name="StrideTokens">The text method: tokens between window starts, each window after the first scoring its last StrideTokens tokens.</param>
/// <param name="IntraOpThreads">ONNX Runtime intra-op threads; null leaves ONNX Runtime's choice.</param>
/// <param name="Method"><see cref="QualityMethod.Text"/> or <see cref="QualityMethod.LlamaCpp"/>.</param>
public sealed record TextQualityOptions(
    int MaxScoredTokens = TextQualityOptions.DefaultMaxScoredTokens,
    int WindowTokens = TextQualityOptions.DefaultWindowTokens,
    int StrideTokens = TextQualityOptions.DefaultStrideTokens,
    int? IntraOpThreads = null,
    QualityMethod Method = QualityMethod.Text)
{
    /// <summary>16,384 scored tokens: arithmetic for a 3.8B model on one GPU in README.md beside this file.</summary>
    public const int DefaultMaxScoredTokens = 16_384;
    /// <summary>llama.cpp's perplexity tool's default context.</summary>
    public const int DefaultWindowTokens = 512;
    public const int DefaultStrideTokens = 256;

    /// <summary>
    /// The window and stride for a model whose context holds <paramref name="contextLength"/> tokens: the window at most
    /// the context − 1 (GenAI needs room for the token after the last); llama.cpp's chunks do not overlap, so their stride
    /// is the chunk.
    /// </summary>
    public (int Window, int Stride) FitTo(int contextLength)
    {
        var window = Math.Min(WindowTokens, contextLength - 1);
        return Method == QualityMethod.LlamaCpp ? (window, window) : (window, Math.Min(StrideTokens, Math.Max(1, window / 2)));
    }
}
