namespace InferBench.Telemetry.Power;

/// <summary>An amount of energy; the base unit is the joule.</summary>
public readonly record struct Energy(double Joules)
{
    public static Energy FromMillijoules(double millijoules) => new(millijoules / 1e3);

    public static Energy FromMicrojoules(double microjoules) => new(microjoules / 1e6);

    public static Energy operator -(Energy left, Energy right) => new(left.Joules - right.Joules);

    /// <summary>Average power over <paramref name="duration"/>.</summary>
    public static Power operator /(Energy energy, TimeSpan duration) => new(energy.Joules / duration.TotalSeconds);
}
