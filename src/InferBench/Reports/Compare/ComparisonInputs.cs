namespace InferBench.Reports.Compare;

/// <summary>The ranges of the numbers a user gives a comparison.</summary>
public static class ComparisonInputs
{
    /// <summary>
    /// Bootstrap resamples per metric: fewer than 100 make the interval's ends noise; above a million the interval no
    /// longer moves and the comparison takes minutes per row.
    /// </summary>
    public static InputRange Resamples { get; } = new(nameof(Resamples), 100, 1_000_000, WholeNumber: true);

    public static InputRange Seed { get; } = new(nameof(Seed), int.MinValue, int.MaxValue, WholeNumber: true);
}
