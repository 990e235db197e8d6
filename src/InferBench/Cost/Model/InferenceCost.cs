using InferBench.Cost.Units;

namespace InferBench.Cost.Model;

/// <summary>What tokens cost on the assumed hardware at a measured throughput, with the assumptions it rests on.</summary>
public sealed record InferenceCost
{
    public required CostAssumptions Assumptions { get; init; }
    public required Throughput Throughput { get; init; }

    /// <summary>Hardware time per 1M generated tokens: hourly cost / (decode tokens/s x 3600 x utilisation) x 1e6.</summary>
    public required UsdPerMillionTokens HardwarePerMillionGeneratedTokens { get; init; }

    /// <summary>Hardware time per 1M prompt tokens, from prefill tokens/s; null when prefill throughput is unknown.</summary>
    public UsdPerMillionTokens? HardwarePerMillionPromptTokens { get; init; }

    /// <summary>Energy, electricity and CO2 per 1M generated tokens; null when energy per token is unknown.</summary>
    public EnergyCost? Energy { get; init; }

    /// <summary>
    /// All in, per 1M generated tokens: the hardware, plus electricity when it is paid separately (owned hardware).
    /// Null when that electricity is unknown.
    /// </summary>
    public UsdPerMillionTokens? PerMillionGeneratedTokens { get; init; }
}
