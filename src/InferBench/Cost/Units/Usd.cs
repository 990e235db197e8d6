namespace InferBench.Cost.Units;

/// <summary>An amount of money in US dollars.</summary>
public readonly record struct Usd(double Value)
{
    public static Usd operator +(Usd left, Usd right) => new(left.Value + right.Value);
    public static Usd operator *(Usd amount, double factor) => new(amount.Value * factor);
}
