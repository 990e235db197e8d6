using InferBench.Cost.Units;

namespace InferBench.Cost.Model;

/// <summary>The energy behind each million generated tokens, at the facility (PUE included), and its price and CO2.</summary>
public sealed record EnergyCost(
    JoulesPerToken PerToken,
    double FacilityKilowattHoursPerMillionTokens,
    UsdPerMillionTokens Electricity,
    double GramsCo2PerMillionTokens);
