using System.Globalization;
using InferBench.Statistics;

namespace InferBench.Reports;

/// <summary>Formats the cells of report.md: invariant numbers, "–" for an absent value, text safe inside a table.</summary>
internal static class MarkdownCell
{
    public const string Absent = "–";

    public static string Text(string text) => text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>At least three significant digits, never an exponent: 20160, 1.25, 0.0489.</summary>
    public static string Number(double? value) =>
        value is { } number && double.IsFinite(number) ? Fixed(number, DecimalsFor(number)) : Absent;

    public static string Mebibytes(long? bytes) => bytes is { } b ? Fixed(b / (1024.0 * 1024.0), 0) : Absent;

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

    /// <summary>"123.4 [130.2]": a value and, in brackets, a second one when it is known.</summary>
    public static string WithBracketed(double? value, double? bracketed)
    {
        var text = Number(value);
        var second = Number(bracketed);
        return text == Absent || second == Absent ? text : $"{text} [{second}]";
    }

    private static int DecimalsFor(double number) =>
        number == 0 ? 0 : Math.Clamp(2 - (int)Math.Floor(Math.Log10(Math.Abs(number))), 0, 6);

    private static string Fixed(double number, int decimals) => number.ToString("F" + decimals, CultureInfo.InvariantCulture);

    /// <summary>Inline code outside a table; a text with a backtick gets a double-backtick fence.</summary>
    public static string Code(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Contains('`', StringComparison.Ordinal) ? $"`` {line} ``" : $"`{line}`";
    }
}
