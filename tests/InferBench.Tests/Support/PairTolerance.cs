namespace InferBench.Tests.Support;

/// <summary>Two pairs of numbers are equal when each item is within <paramref name="tolerance"/> of the other's.</summary>
internal sealed class PairTolerance(double tolerance) : IEqualityComparer<(double, double)>
{
    public bool Equals((double, double) x, (double, double) y) => Math.Abs(x.Item1 - y.Item1) <= tolerance && Math.Abs(x.Item2 - y.Item2) <= tolerance;

    public int GetHashCode((double, double) value) => 0;
}
