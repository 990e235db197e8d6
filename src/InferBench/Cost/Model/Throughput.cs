using InferBench.Cost.Units;
using InferBench.Results;

namespace InferBench.Cost.Model;

/// <summary>What the hardware sustains while it works: decode (generated) tokens/s and, when known, prefill (prompt) tokens/s.</summary>
public sealed record Throughput(TokensPerSecond Decode, TokensPerSecond? Prefill)
{
    /// <summary>A measured row's median decode and prefill tokens/s; null for a row without usable measurements.</summary>
    public static Throughput? Of(ScenarioResult scenario)
    {
        if (scenario is not { Status: ResultStatus.Ok, Metrics: { } metrics } || !IsPositive(metrics.DecodeTokensPerSecond.Median))
            return null;
        var prefill = metrics.PrefillTokensPerSecond.Median;
        return new(new(metrics.DecodeTokensPerSecond.Median), IsPositive(prefill) ? new(prefill) : null);
    }

    /// <summary>
    /// Busy hardware seconds per generated token when each comes with <paramref name="mix"/> prompt tokens. Prompt
    /// processing counts only when <see cref="Prefill"/> is known.
    /// </summary>
    public double SecondsPerOutputToken(TokenMix mix) =>
        1 / Decode.Value + (Prefill is { } prefill ? mix.InputTokensPerOutputToken / prefill.Value : 0);

    private static bool IsPositive(double tokensPerSecond) => double.IsFinite(tokensPerSecond) && tokensPerSecond > 0;
}
