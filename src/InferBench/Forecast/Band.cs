namespace InferBench.Forecast;

/// <summary>A forecast figure: its central value and the band it may fall in (<see cref="Low"/> is the smaller value, whichever end is better).</summary>
public sealed record Band(double Low, double Central, double High)
{
    public static Band Of(double a, double central, double b) => new(Math.Min(a, b), central, Math.Max(a, b));

    /// <summary>
    /// <paramref name="central"/> divided and multiplied by 1 + <paramref name="relativeSpread"/>: a ratio band, so a
    /// spread over 100% (a poor fit) widens it without ever reaching zero or below.
    /// </summary>
    public static Band Ratio(double central, double relativeSpread) =>
        new(central / (1 + relativeSpread), central, central * (1 + relativeSpread));
}
