using InferBench.Reports.Document;
using InferBench.Results;
using static InferBench.Reports.ReportCell;
using static InferBench.Results.ReadableNumber;

namespace InferBench.Reports;

/// <summary>
/// NVML runs: per point, how the steady-state warmup ended and each GPU's temperature, SM clock, power limit and
/// throttle reasons at the start and end of the measured repetitions, so a later variant measured on a hotter or
/// throttled GPU shows. Empty for other runs.
/// </summary>
internal static class GpuStateFacts
{
    public const string Heading = "GPU state (NVML)";

    public static IReadOnlyList<ReportFact> For(IEnumerable<ScenarioResult> rows) => ReportTable.Ordered(rows)
        .Where(row => row.Gpu is not null)
        .Select(row => new ReportFact(
            $"{row.Variant} batch {Integer(row.BatchSize)} prompt {Integer(row.PromptTokens)} gen {Integer(row.GenTokens)}",
            $"{Warmup(row.Gpu!.SteadyState)}; start {Devices(row.Gpu.AtStart)} → end {Devices(row.Gpu.AtEnd)}."))
        .ToArray();

    private static string Warmup(SteadyStateRecord? steady) => steady is null
        ? $"no steady-state warmup ({CommandOptions.SteadyMaxSeconds} 0)"
        : $"warmup {Outcome(steady.Outcome)} after {Number(steady.Seconds)} s ({Integer(steady.Generations)} generations; " +
          $"power slope {Number(steady.PowerSlopePercentPerSecond)} %/s, temperature slope {Number(steady.TemperatureSlopeCelsiusPerSecond)} °C/s" +
          (steady.Reason is { } reason ? $"; {reason}" : "") + ")";

    private static string Outcome(SteadyStateOutcome outcome) => outcome switch
    {
        SteadyStateOutcome.Settled => "settled",
        SteadyStateOutcome.TimeCap => "NOT settled, stopped at the time cap",
        SteadyStateOutcome.Unreadable => "could not judge settling",
        _ => "cancelled",
    };

    private static string Devices(IReadOnlyList<DeviceState> devices) => devices.Count == 0
        ? Absent
        : string.Join(", ", devices.Select(d =>
            $"{(devices.Count > 1 ? d.Name + ": " : "")}{Whole(d.TemperatureCelsius)} °C, SM {Whole(d.SmClockMegahertz)} MHz, " +
            $"limit {Number(d.PowerLimitWatts)} W, throttle {(d.ThrottleReasons.Count == 0 ? "none" : string.Join("+", d.ThrottleReasons))}"));

    private static string Whole(int? value) => value is { } number ? Integer(number) : Absent;
}
