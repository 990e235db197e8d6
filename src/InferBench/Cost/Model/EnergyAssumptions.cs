using InferBench.Cost.Citations;
using InferBench.Cost.Units;

namespace InferBench.Cost.Model;

/// <summary>What turns joules at the hardware into money and CO2.</summary>
/// <param name="Pue">Power usage effectiveness: facility energy / hardware energy, 1 or more.</param>
public sealed record EnergyAssumptions(
    Cited<UsdPerKilowattHour> Electricity,
    Cited<double> Pue,
    Cited<GramsCo2PerKilowattHour> GridCarbon)
{
    /// <summary>kWh per 1M tokens = J/token x 1e6 / 3.6e6 x PUE; then x $/kWh and x gCO2/kWh.</summary>
    public EnergyCost CostOf(JoulesPerToken energy)
    {
        var facilityKilowattHours = energy.KilowattHoursPerMillionTokens * Pue.Value;
        return new EnergyCost(
            energy,
            facilityKilowattHours,
            new UsdPerMillionTokens(facilityKilowattHours * Electricity.Value.Value),
            facilityKilowattHours * GridCarbon.Value.Value);
    }
}
