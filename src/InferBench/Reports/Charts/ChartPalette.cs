namespace InferBench.Reports.Charts;

/// <summary>Okabe and Ito's colour-blind-safe colours (yellow left out: it does not read on white), and the greys of the axes.</summary>
internal static class ChartPalette
{
    public const string Axis = "#666";
    public const string Grid = "#e3e3e3";
    public const string Frontier = "#555";

    private static readonly string[] Series = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000"];

    /// <summary>The colour of the <paramref name="index"/>th series; it repeats after seven.</summary>
    public static string Color(int index) => Series[index % Series.Length];
}
