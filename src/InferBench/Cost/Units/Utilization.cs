namespace InferBench.Cost.Units;

/// <summary>
/// The share of paid hardware time spent generating at the measured throughput: <see cref="CostInputs.Utilization"/>,
/// at most 1. The rest of the time is paid for and idle, which is why cost per token divides by it.
/// </summary>
public readonly record struct Utilization
{
    /// <exception cref="InputRangeException">The fraction is outside <see cref="CostInputs.Utilization"/>.</exception>
    public Utilization(double fraction) => Value = CostInputs.Utilization.Check(fraction);

    public static Utilization Full { get; } = new(1);

    public double Value { get; }
}
