using System.Globalization;
using InferBench.Cost.Units;

namespace InferBench.Cost.Sheets;

/// <summary>How cost figures are written for people: invariant culture, thousands separated, the digits that matter.</summary>
public static class CostFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// A computed amount: whole dollars from $10,000 ("$27,360"), cents below ("$9.10"), and three significant digits
    /// under a dollar ("$0.15", "$0.0111").
    /// </summary>
    public static string Usd(double value)
    {
        if (value < 0)
            return "-" + Usd(-value);
        if (value >= 10_000)
            return "$" + value.ToString("N0", Invariant);
        var decimals = value is 0 or >= 1 ? 2 : Math.Clamp(2 - (int)Math.Floor(Math.Log10(value)), 2, 10);
        return "$" + value.ToString("#,##0.00" + new string('#', decimals - 2), Invariant);
    }

    /// <summary>A price as it was given, to the hundredth of a cent: "$1.006", "$38.00".</summary>
    public static string UsdAsGiven(double value) => "$" + value.ToString("#,##0.00##", Invariant);

    /// <summary>
    /// An assumption as it was given or catalogued, thousands separated: "720", "1.58", "0.5", "1,025". Computed figures
    /// are rounded to three significant digits instead (<see cref="Results.ReadableNumber"/>).
    /// </summary>
    public static string AsGiven(double value) => value.ToString("#,##0.##########", Invariant);

    /// <summary>A whole count, thousands separated: "3", "385,802,469,135,802,496".</summary>
    public static string Count(double value) => value.ToString("N0", Invariant);

    /// <summary>"3.15e23".</summary>
    public static string Scientific(double value) => value.ToString("0.###e0", Invariant);

    /// <summary>A fraction as a percentage: "100%", "22.4%".</summary>
    public static string Percent(double fraction) => fraction.ToString("0.#%", Invariant);
}
