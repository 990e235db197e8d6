namespace InferBench.Telemetry.Power;

/// <summary>A rate of energy; the base unit is the watt.</summary>
public readonly record struct Power(double Watts)
{
    public static Power FromMilliwatts(double milliwatts) => new(milliwatts / 1e3);

    public static Energy operator *(Power power, TimeSpan duration) => new(power.Watts * duration.TotalSeconds);
}
