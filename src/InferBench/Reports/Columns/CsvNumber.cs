using System.Globalization;

namespace InferBench.Reports.Columns;

/// <summary>
/// How results.csv writes a number: at least four significant digits, no group separator, invariant culture: at most
/// six decimals from 0.001 up (<c>1234.5</c>, <c>0.001234</c>), scientific notation with up to six significant digits
/// below (<c>1.5E-07</c>), so that a tiny value never reads as the 0 that means "none". run.json keeps the full precision.
/// </summary>
public static class CsvNumber
{
    public const string FixedFormat = "0.######";
    public const string ScientificFormat = "0.#####E+00";

    /// <summary>The smallest magnitude whose six decimals still hold four significant digits.</summary>
    public const double SmallestFixed = 1e-3;

    public static string Format(double value) =>
        value.ToString(value == 0 || Math.Abs(value) >= SmallestFixed ? FixedFormat : ScientificFormat, CultureInfo.InvariantCulture);
}
