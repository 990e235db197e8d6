using System.Globalization;
using InferBench.Cost.Sheets;
using InferBench.Cost.Units;
using InferBench.Results;

namespace InferBench.Reports;

/// <summary>Formats the cells of report.md and report.html: invariant numbers, "–" for an absent value.</summary>
internal static class ReportCell
{
    public const string Absent = "–";

    /// <summary>Beyond these a mean ± standard error is written with exponents, as <see cref="ReadableNumber.Of"/> writes tiny figures.</summary>
    private const int MostStandardErrorDecimals = 6;

    /// <summary><see cref="ReadableNumber.Of"/>, or <see cref="Absent"/> for a missing or non-finite value.</summary>
    public static string Number(double? value) =>
        value is { } number && double.IsFinite(number) ? ReadableNumber.Of(number) : Absent;

    /// <summary>Whole MiB: "2048".</summary>
    public static string Mebibytes(double? mebibytes) => mebibytes is { } value ? ReadableNumber.Fixed(value, 0) : Absent;

    /// <summary>"$0.0111", "$48.70": a computed amount (see <see cref="CostFormat.Usd"/>).</summary>
    public static string Usd(UsdPerMillionTokens? price) => Usd(price?.Value);

    public static string Usd(double? usd) => usd is { } value && double.IsFinite(value) ? CostFormat.Usd(value) : Absent;

    /// <summary>
    /// "45.2 ± 0.3": the median and the half-width of the 95% interval of the median that <c>--reps auto</c>'s stopping
    /// rule judges (<see cref="RepetitionStop.DecodeHalfWidthPercent"/>, its larger side, in percent of the median), when known.
    /// </summary>
    public static string MedianWithCi(SampleStatistics? statistics, double? halfWidthPercent)
    {
        if (statistics is null || !double.IsFinite(statistics.Median))
        {
            return Absent;
        }
        var decimals = ReadableNumber.DecimalsFor(statistics.Median);
        var median = ReadableNumber.Fixed(statistics.Median, decimals);
        return MedianHalfWidth(statistics.Median, halfWidthPercent) is { } halfWidth
            ? $"{median} ± {ReadableNumber.Fixed(halfWidth, decimals)}"
            : median;
    }

    /// <summary>The half-width in the median's unit of an interval of <paramref name="halfWidthPercent"/> percent of it; null when either is unknown.</summary>
    public static double? MedianHalfWidth(double median, double? halfWidthPercent) =>
        halfWidthPercent is { } percent && double.IsFinite(percent) && double.IsFinite(median) ? Math.Abs(median) * percent / 100 : null;

    /// <summary>
    /// "6.246 ± 0.041", "0.01748 ± 0.00076": a mean and its standard error, both to the decimals that show the error's
    /// second significant digit (and the mean's third), halves rounded away from zero as <see cref="CostFormat.Percent"/>
    /// rounds them (81.25 ± 1.22 is "81.3 ± 1.2", as 81.3%); the mean alone without an error. A zero error claims no
    /// digits: the mean without trailing zeros, "± 0" (the reference against itself: ratio "1 ± 0", ln ratio "0 ± 0").
    /// </summary>
    public static string WithStandardError(double? value, double? standardError)
    {
        if (value is not { } mean || !double.IsFinite(mean))
            return Absent;
        if (standardError is not { } error || !double.IsFinite(error))
            return ReadableNumber.Of(mean);
        if (ReadableNumber.IsTiny(mean))
            return $"{ReadableNumber.Of(mean)} ± {ReadableNumber.Of(error)}";
        if (error == 0)
            return $"{Math.Round(mean, ReadableNumber.DecimalsFor(mean), MidpointRounding.AwayFromZero).ToString("0.######", CultureInfo.InvariantCulture)} ± 0";
        var decimals = Math.Max(ReadableNumber.DecimalsFor(mean), error > 0 ? 1 - (int)Math.Floor(Math.Log10(error)) : 0);
        return decimals > MostStandardErrorDecimals
            ? $"{ReadableNumber.Of(mean)} ± {ReadableNumber.Of(error)}"
            : $"{RoundedAwayFromZero(mean, decimals)} ± {RoundedAwayFromZero(error, decimals)}";
    }

    /// <summary><see cref="ReadableNumber.Fixed"/> with a half rounded away from zero ("F" formatting rounds an exact half to even).</summary>
    private static string RoundedAwayFromZero(double value, int decimals) =>
        ReadableNumber.Fixed(Math.Round(value, decimals, MidpointRounding.AwayFromZero), decimals);

    /// <summary>"123.4 [130.2]": a value and, in brackets, a second one when both are known.</summary>
    public static string WithBracketed(string text, string bracketed) =>
        text == Absent || bracketed == Absent ? text : $"{text} [{bracketed}]";

    /// <summary>"21.7 / 24.7": a value and a second one, when the first is known.</summary>
    public static string WithSlash(string text, string second) => text == Absent ? Absent : $"{text} / {second}";
}
