namespace InferBench.Reports.Charts;

/// <summary>Maps data values in [<see cref="From"/>, <see cref="To"/>] linearly onto canvas coordinates [<see cref="Start"/>, <see cref="End"/>].</summary>
internal readonly record struct LinearScale(double From, double To, double Start, double End)
{
    public static LinearScale Over(IReadOnlyList<double> ticks, double start, double end) => new(ticks[0], ticks[^1], start, end);

    public double Map(double value) => Start + (value - From) / (To - From) * (End - Start);
}
