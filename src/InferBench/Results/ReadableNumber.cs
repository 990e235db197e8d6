using System.Globalization;

namespace InferBench.Results;

/// <summary>
/// How a computed figure is written for people (reports, <c>compare</c>, <c>cost</c>, <c>power</c>): invariant culture, at
/// least three significant digits: 20160, 45.5, 1.25, 0.0489, 0.000123; below 0.0001, where six decimals would lose
/// them (a KL divergence of 8.7e-6 is not 0.000009), an exponent: 8.70e-6. results.csv keeps its own full-precision rule
/// (Reports/Columns/CsvNumber).
/// </summary>
public static class ReadableNumber
{
    /// <summary>"20160", "1.25", "0.0489".</summary>
    public static string Of(double value) => IsTiny(value) ? Exponent(value) : Fixed(value, DecimalsFor(value));

    /// <summary>The same digits with thousands separated, for figures that run to millions: "3,125,000", "357", "0.0489".</summary>
    public static string Grouped(double value) =>
        IsTiny(value) ? Exponent(value) : value.ToString("N" + DecimalsFor(value), CultureInfo.InvariantCulture);

    /// <summary>Whether <see cref="Of"/> writes <paramref name="value"/> with an exponent: not zero, and under 0.0001 in magnitude.</summary>
    public static bool IsTiny(double value) => value != 0 && Math.Abs(value) < 1e-4;

    private static string Exponent(double value) => value.ToString("0.00e+0", CultureInfo.InvariantCulture);

    /// <summary>The decimals that give <paramref name="value"/> three significant digits, from none (100 and up) to six.</summary>
    public static int DecimalsFor(double value) =>
        value == 0 ? 0 : Math.Clamp(2 - (int)Math.Floor(Math.Log10(Math.Abs(value))), 0, 6);

    /// <summary><paramref name="value"/> with exactly <paramref name="decimals"/> decimals, such as a spread written to its median's digits.</summary>
    public static string Fixed(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    public static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>"1 run", "3 runs": a count with its noun, plural unless the count is 1.</summary>
    public static string Counted(int count, string noun) => $"{Integer(count)} {noun}{(count == 1 ? "" : "s")}";
}
