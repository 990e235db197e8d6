using InferBench.Cost.Units;
using InferBench.Results;

namespace InferBench.Cost.Model;

/// <summary>What the hardware sustains while it works: decode (generated) tokens/s and, when known, prefill (prompt) tokens/s.</summary>
/// <param name="ServedMix">
/// A serving point's throughput: <paramref name="Decode"/> is its output tokens/s with its prompts processed among them,
/// this many input tokens per output token; null for a static batch's separate phases.
/// </param>
public sealed record Throughput(TokensPerSecond Decode, TokensPerSecond? Prefill, TokenMix? ServedMix = null)
{
    /// <summary>A measured row's median decode and prefill tokens/s; null for a row without usable measurements.</summary>
    public static Throughput? Of(ScenarioResult scenario)
    {
        if (scenario is not { Status: ResultStatus.Ok, Metrics: { } metrics } || !IsPositive(metrics.DecodeTokensPerSecond.Median))
            return null;
        var prefill = metrics.PrefillTokensPerSecond.Median;
        return new(new(metrics.DecodeTokensPerSecond.Median), IsPositive(prefill) ? new(prefill) : null);
    }

    /// <summary>A measured serving point's output tokens/s at its own token mix; null for a point without usable measurements.</summary>
    public static Throughput? Of(ServingPointResult point) =>
        point is { Status: ResultStatus.Ok, Metrics: { } metrics } && IsPositive(metrics.OutputTokensPerSecond)
            ? new(new(metrics.OutputTokensPerSecond), null, new TokenMix(Math.Max(0, metrics.InputTokensPerSecond) / metrics.OutputTokensPerSecond))
            : null;

    /// <summary>True when prompt tokens' processing time is in the figure: prefill throughput is known, or this is a serving point's.</summary>
    public bool CountsPromptProcessing => Prefill is not null || ServedMix is not null;

    /// <summary>
    /// Busy hardware seconds per generated token when each comes with <paramref name="mix"/> prompt tokens. Prompt
    /// processing counts only when <see cref="Prefill"/> is known; a serving point's counts at its own mix
    /// (<see cref="ServedMix"/>), which its output tokens/s cannot be separated from.
    /// </summary>
    public double SecondsPerOutputToken(TokenMix mix) =>
        1 / Decode.Value + (ServedMix is null && Prefill is { } prefill ? mix.InputTokensPerOutputToken / prefill.Value : 0);

    private static bool IsPositive(double tokensPerSecond) => double.IsFinite(tokensPerSecond) && tokensPerSecond > 0;
}
