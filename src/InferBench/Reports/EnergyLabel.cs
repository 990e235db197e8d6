namespace InferBench.Reports;

/// <summary>How reports mark energy figures that are estimates rather than measurements.</summary>
public static class EnergyLabel
{
    /// <summary>Appended to every figure derived from estimated energy.</summary>
    public const string EstimateMark = " (est.)";

    /// <summary>Every estimate's energy_source label starts with "estimated-" (see EnergySource), so new estimates are caught too.</summary>
    public static bool IsEstimate(string? energySource) =>
        energySource?.StartsWith("estimated-", StringComparison.Ordinal) == true;

    /// <summary><paramref name="text"/>, marked when it derives from estimated energy; an absent figure stays unmarked.</summary>
    public static string Marked(string text, string? energySource) =>
        IsEstimate(energySource) && text != ReportCell.Absent ? text + EstimateMark : text;
}
