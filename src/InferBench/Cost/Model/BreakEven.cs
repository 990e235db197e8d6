using InferBench.Cost.Units;

namespace InferBench.Cost.Model;

/// <summary>
/// The monthly volume at which self-hosting and an API cost the same. Self-hosting costs a fixed amount a month plus,
/// for owned hardware, electricity per token; the API costs a price per token. Volumes count output tokens; each comes
/// with <see cref="TokenMix.InputTokensPerOutputToken"/> input tokens.
/// </summary>
public sealed record BreakEven
{
    public required ApiComparison Api { get; init; }
    public required BreakEvenOutcome Outcome { get; init; }

    /// <summary>Fixed / (API per token - variable per token); 0 when self-hosting is always cheaper; null when the API is.</summary>
    public double? OutputTokensPerMonth { get; init; }

    /// <summary>How busy the break-even volume keeps the hardware in its paid hours; null unless <see cref="Outcome"/> is AtVolume.</summary>
    public double? UtilizationAtBreakEven { get; init; }

    public required Usd SelfHostingFixedPerMonth { get; init; }

    /// <summary>What grows with volume when self-hosting: electricity for owned hardware, nothing for rented.</summary>
    public required UsdPerMillionTokens SelfHostingVariablePerMillionOutputTokens { get; init; }

    /// <summary>Self-hosting's cost per 1M output tokens with the hardware as busy as the assumed utilisation allows.</summary>
    public required UsdPerMillionTokens SelfHostingPerMillionOutputTokensAtCapacity { get; init; }

    /// <summary>Output tokens a month the hardware serves at the assumed utilisation in its paid hours.</summary>
    public required double CapacityOutputTokensPerMonth { get; init; }

    /// <summary>Whether prompt tokens' processing time counts against capacity (only when prefill throughput is known).</summary>
    public required bool CountsPromptProcessing { get; init; }

    /// <summary>From a serving point: the input tokens per output token its throughput was measured at; null otherwise.</summary>
    public TokenMix? ServedMix { get; init; }

    public double? InputTokensPerMonth => OutputTokensPerMonth * Api.Mix.Value.InputTokensPerOutputToken;

    /// <summary>Both bills at <paramref name="outputTokensPerMonth"/>, self-hosting on as many whole instances as it needs.</summary>
    public MonthlyBills BillsAt(double outputTokensPerMonth)
    {
        // A double: within CostInputs' ranges the count reaches about 4e17, far past an int.
        var instances = Math.Max(1, Math.Ceiling(outputTokensPerMonth / CapacityOutputTokensPerMonth));
        return new MonthlyBills(
            outputTokensPerMonth,
            outputTokensPerMonth * Api.Mix.Value.InputTokensPerOutputToken,
            Api.PerMillionOutputTokens.For(outputTokensPerMonth),
            SelfHostingFixedPerMonth * instances + SelfHostingVariablePerMillionOutputTokens.For(outputTokensPerMonth),
            instances);
    }
}
