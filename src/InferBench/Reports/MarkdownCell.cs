using System.Globalization;
using InferBench.Statistics;

namespace InferBench.Reports;

/// <summary>Formats the cells of report.md: invariant numbers, "–" for an absent value, text safe inside a table.</summary>
internal static class MarkdownCell
{
    public const string Absent = "–";

    public static string Text(string text) => text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal);

    public static string Number(double? value, int decimals) =>
        value is { } number && double.IsFinite(number) ? number.ToString("F" + decimals, CultureInfo.InvariantCulture) : Absent;

    public static string Mebibytes(long? bytes) => Number(bytes / (1024.0 * 1024.0), 0);

    /// <summary>"45.2 ± 0.3": the median and the half-width of the 95% confidence interval of the mean, when known.</summary>
    public static string MedianWithCi(SampleStatistics? statistics, int decimals)
    {
        if (statistics is null || !double.IsFinite(statistics.Median))
        {
            return Absent;
        }
        var halfWidth = (statistics.ConfidenceInterval95Upper - statistics.ConfidenceInterval95Lower) / 2;
        var median = Number(statistics.Median, decimals);
        return double.IsFinite(halfWidth) ? $"{median} ± {Number(halfWidth, decimals)}" : median;
    }

    /// <summary>"123.4 [130.2]": a value and, in brackets, a second one when it is known.</summary>
    public static string WithBracketed(double? value, double? bracketed, int decimals)
    {
        var text = Number(value, decimals);
        var second = Number(bracketed, decimals);
        return text == Absent || second == Absent ? text : $"{text} [{second}]";
    }

    /// <summary>Inline code outside a table; a text with a backtick gets a double-backtick fence.</summary>
    public static string Code(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Contains('`', StringComparison.Ordinal) ? $"`` {line} ``" : $"`{line}`";
    }
}
