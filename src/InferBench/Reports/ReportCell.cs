using System.Globalization;
using InferBench.Cost;
using InferBench.Results;

namespace InferBench.Reports;

/// <summary>Formats the cells of report.md and report.html: invariant numbers, "–" for an absent value.</summary>
internal static class ReportCell
{
    public const string Absent = "–";

    /// <summary>At least three significant digits, never an exponent: 20160, 1.25, 0.0489.</summary>
    public static string Number(double? value) =>
        value is { } number && double.IsFinite(number) ? Fixed(number, DecimalsFor(number)) : Absent;

    public static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Mebibytes(long? bytes) => bytes is { } b ? Fixed(b / (1024.0 * 1024.0), 0) : Absent;

    /// <summary>"$0.0111", "$48.70": a computed amount (see <see cref="CostFormat.Usd"/>).</summary>
    public static string Usd(UsdPerMillionTokens? price) =>
        price is { Value: var value } && double.IsFinite(value) ? CostFormat.Usd(value) : Absent;

    /// <summary>"45.2 ± 0.3": the median and the half-width of the 95% confidence interval of the mean, when known.</summary>
    public static string MedianWithCi(SampleStatistics? statistics)
    {
        if (statistics is null || !double.IsFinite(statistics.Median))
        {
            return Absent;
        }
        var halfWidth = (statistics.ConfidenceInterval95Upper - statistics.ConfidenceInterval95Lower) / 2;
        var decimals = DecimalsFor(statistics.Median);
        var median = Fixed(statistics.Median, decimals);
        return double.IsFinite(halfWidth) ? $"{median} ± {Fixed(halfWidth, decimals)}" : median;
    }

    /// <summary>"123.4 [130.2]": a value and, in brackets, a second one when both are known.</summary>
    public static string WithBracketed(string text, string bracketed) =>
        text == Absent || bracketed == Absent ? text : $"{text} [{bracketed}]";

    /// <summary>"21.7 / 24.7": a value and a second one, when the first is known.</summary>
    public static string WithSlash(double? first, double? second)
    {
        var text = Number(first);
        return text == Absent ? Absent : $"{text} / {Number(second)}";
    }

    private static int DecimalsFor(double number) =>
        number == 0 ? 0 : Math.Clamp(2 - (int)Math.Floor(Math.Log10(Math.Abs(number))), 0, 6);

    private static string Fixed(double number, int decimals) => number.ToString("F" + decimals, CultureInfo.InvariantCulture);
}
