namespace InferBench.Results;

/// <summary>
/// Reads a run.json of an earlier schemaVersion with today's meanings where a figure's meaning changed, so a report
/// re-rendered from it does not show what the current version no longer claims. The version found is kept.
/// </summary>
public static class EarlierSchemaVersions
{
    /// <summary>Why a version 1 estimate shows no net of idle; added to each such row's energy reason.</summary>
    public const string Version1EstimateNote =
        "version 1 run.json: estimated then as TDP / visible cores per busy core (a VM's share of the chip overstated), " +
        "and its net-of-idle figure is not shown (the estimate's idle baseline is only this process's own CPU time)";

    /// <summary>Why a version 1 row's energy of other hardware is not shown as its energy.</summary>
    public const string Version1OtherHardwareNote =
        "version 1 run.json measured other hardware than this row ran on, which is not the row's energy";

    public static RunResult Upgrade(RunResult run) => run.SchemaVersion switch
    {
        >= 3 => run,
        2 => run with { Results = [.. run.Results.Select(UpgradeVersion2Row)] },
        _ => run with { Results = [.. run.Results.Select(row => UpgradeVersion2Row(UpgradeVersion1Row(row)))] },
    };

    /// <summary>
    /// Until version 3 the stopping rule's half-width was the mean's; reports now show it as the median's interval, so
    /// an earlier file's figure is dropped rather than shown under that name.
    /// </summary>
    private static ScenarioResult UpgradeVersion2Row(ScenarioResult row) =>
        row.RepetitionStop is { } stop ? row with { RepetitionStop = stop with { DecodeHalfWidthPercent = null } } : row;

    private static ScenarioResult UpgradeVersion1Row(ScenarioResult row) => row.Energy switch
    {
        { Source: var source } when EnergyHardware.Of(source) is not null && !EnergyHardware.IsOfRow(source, row.ExecutionProvider) =>
            row with { Energy = row.Energy!.AsUnavailable(Join(row.Energy.Reason, Version1OtherHardwareNote)) },
        { Source: "estimated-cpu-tdp" } energy =>
            row with { Energy = energy with { NetJoulesPerGeneratedToken = null, Reason = Join(energy.Reason, Version1EstimateNote) } },
        _ => row,
    };

    private static string Join(string? first, string second) => first is null ? second : $"{first}; {second}";
}
