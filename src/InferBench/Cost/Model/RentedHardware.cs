using InferBench.Cost.Citations;
using InferBench.Cost.Units;

namespace InferBench.Cost.Model;

/// <summary>Hardware rented by the hour, electricity included, paid for <paramref name="HoursPerMonth"/> hours a month.</summary>
/// <param name="HoursPerMonth">The rental schedule: 720 when always on; fewer when it is switched off outside a schedule.</param>
public sealed record RentedHardware(Cited<UsdPerHour> Price, Cited<double> HoursPerMonth) : HardwareCost
{
    public override UsdPerHour Hourly => Price.Value;
    public override double PaidHoursPerMonth => HoursPerMonth.Value;
    public override bool PaysElectricitySeparately => false;
}
