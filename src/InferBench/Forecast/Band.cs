namespace InferBench.Forecast;

/// <summary>A forecast figure: its central value and the band it may fall in (<see cref="Low"/> is the smaller value, whichever end is better).</summary>
public sealed record Band(double Low, double Central, double High)
{
    public static Band Of(double a, double central, double b) => new(Math.Min(a, b), central, Math.Max(a, b));
}
