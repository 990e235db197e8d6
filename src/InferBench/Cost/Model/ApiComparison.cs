using InferBench.Cost.Citations;
using InferBench.Cost.Units;

namespace InferBench.Cost.Model;

/// <summary>The API to compare self-hosting with, and the workload's token mix both are priced at.</summary>
/// <param name="Name">The catalog id of the API, or a description of prices given on the command line.</param>
public sealed record ApiComparison(string Name, Cited<ApiPrice> Price, Cited<TokenMix> Mix)
{
    public UsdPerMillionTokens PerMillionOutputTokens => Price.Value.PerMillionOutputTokens(Mix.Value);
}
