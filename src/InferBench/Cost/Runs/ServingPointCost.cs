using InferBench.Cost.Model;
using InferBench.Cost.Units;

namespace InferBench.Cost.Runs;

/// <summary>What one serving point's tokens cost under its run's assumptions; each figure is null where it cannot be priced (docs/cost-model.md).</summary>
/// <param name="HardwarePerMillionOutputTokens">Hardware time per 1M output tokens at the point's output tokens/s and the run's utilisation, its prompts' processing included; null without a price.</param>
/// <param name="Split">The same as a price sheet lists it: input and output $/1M at the point's token mix, in the proportion of <see cref="ServingPricing.ReferenceSheet"/>.</param>
/// <param name="Mix">The point's input tokens per output token, which the split is at.</param>
/// <param name="Energy">Electricity and CO2 from the point's steady-state J/output token, PUE included; null without one.</param>
/// <param name="EnergySource">The point's energy source label, which every energy-derived figure carries.</param>
public sealed record ServingPointCost(
    UsdPerMillionTokens? HardwarePerMillionOutputTokens,
    ApiPrice? Split,
    TokenMix? Mix,
    EnergyCost? Energy,
    string? EnergySource);
