using InferBench.Cost.Citations;
using InferBench.Cost.Units;

namespace InferBench.Cost.Model;

/// <summary>
/// Hardware bought outright: its purchase is spread evenly over every hour of its amortisation period, used or not,
/// and its electricity is paid separately.
/// </summary>
public sealed record OwnedHardware(Cited<Usd> Purchase, Cited<double> AmortizationYears) : HardwareCost
{
    /// <summary>Purchase / (years x 8760 h).</summary>
    public override UsdPerHour Hourly => new(Purchase.Value.Value / (AmortizationYears.Value * CostCalendar.HoursPerYear));
    public override double PaidHoursPerMonth => CostCalendar.HoursPerMonth;
    public override bool PaysElectricitySeparately => true;
}
