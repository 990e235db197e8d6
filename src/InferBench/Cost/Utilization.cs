namespace InferBench.Cost;

/// <summary>
/// The share of paid hardware time spent generating at the measured throughput: above 0, at most 1. The rest of the
/// time is paid for and idle, which is why cost per token divides by it.
/// </summary>
public readonly record struct Utilization
{
    public Utilization(double fraction)
    {
        if (!(fraction > 0 && fraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "utilisation is a fraction above 0 and at most 1");
        Value = fraction;
    }

    public static Utilization Full { get; } = new(1);

    public double Value { get; }
}
