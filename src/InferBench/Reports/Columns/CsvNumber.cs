using System.Globalization;

namespace InferBench.Reports.Columns;

/// <summary>
/// How results.csv writes a number: at least four significant digits, no group separator, invariant culture: at most
/// six decimals from 0.001 up to 1e15 (<c>1234.5</c>, <c>0.001234</c>), scientific notation with up to six significant
/// digits outside that (<c>1.5E-07</c>, <c>1E+300</c>), so that a tiny value never reads as the 0 that means "none" and
/// a huge one never runs to hundreds of digits. run.json keeps the full precision.
/// </summary>
public static class CsvNumber
{
    public const string FixedFormat = "0.######";
    public const string ScientificFormat = "0.#####E+00";

    /// <summary>The smallest magnitude whose six decimals still hold four significant digits.</summary>
    public const double SmallestFixed = 1e-3;

    /// <summary>The magnitude from which a fixed number would run past 16 digits, more than a double holds.</summary>
    public const double LargestFixed = 1e15;

    public static string Format(double value) =>
        value.ToString(value == 0 || Math.Abs(value) is >= SmallestFixed and < LargestFixed ? FixedFormat : ScientificFormat, CultureInfo.InvariantCulture);
}
