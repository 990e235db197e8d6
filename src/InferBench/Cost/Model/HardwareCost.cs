using InferBench.Cost.Units;

namespace InferBench.Cost.Model;

/// <summary>How the hardware's time is paid for: <see cref="RentedHardware"/> or <see cref="OwnedHardware"/>.</summary>
public abstract record HardwareCost
{
    /// <summary>What one hour of the hardware costs, generating or idle.</summary>
    public abstract UsdPerHour Hourly { get; }

    /// <summary>Hours paid for in a 30-day month: the rental schedule, or every hour of it for owned hardware.</summary>
    public abstract double PaidHoursPerMonth { get; }

    /// <summary>True when electricity is paid on top of <see cref="Hourly"/>; a rental's price includes it.</summary>
    public abstract bool PaysElectricitySeparately { get; }

    /// <summary>What a month costs before a single token: <see cref="Hourly"/> x <see cref="PaidHoursPerMonth"/>.</summary>
    public Usd FixedPerMonth => Hourly.Over(PaidHoursPerMonth);
}
