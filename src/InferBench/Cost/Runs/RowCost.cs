using InferBench.Cost.Model;
using InferBench.Cost.Units;

namespace InferBench.Cost.Runs;

/// <summary>What one row's tokens cost under its run's assumptions; each figure is null where it cannot be priced.</summary>
/// <param name="HardwarePerMillionGeneratedTokens">Hardware time at the median decode tok/s and the run's utilisation; null without a price.</param>
/// <param name="HardwarePerMillionPromptTokens">The same at the median prefill tok/s.</param>
/// <param name="Energy">Electricity and CO2 from the row's J/token, PUE included; null without an energy figure.</param>
/// <param name="EnergySource">The row's energy_source label, which every energy-derived figure carries.</param>
public sealed record RowCost(
    UsdPerMillionTokens? HardwarePerMillionGeneratedTokens,
    UsdPerMillionTokens? HardwarePerMillionPromptTokens,
    EnergyCost? Energy,
    string? EnergySource);
