using System.Globalization;

namespace InferBench.Telemetry.Power.Estimate;

/// <summary>
/// Not a measurement: this process's CPU use (CPU time / wall time / logical cores) times the CPU's TDP. Its
/// "counter" is CPU time scaled to joules, so a window's estimate is its CPU-time difference / cores x TDP.
/// It ignores idle power, other processes, memory and turbo above TDP; every figure is labelled estimated-cpu-tdp.
/// </summary>
internal sealed class CpuTdpEstimateSource : IPowerSource
{
    private readonly Func<TimeSpan> _processCpuTime;
    private readonly double _wattsPerCore;

    private CpuTdpEstimateSource(PowerOptions options, Power tdp, string tdpOrigin)
    {
        _processCpuTime = options.ProcessCpuTime;
        _wattsPerCore = tdp.Watts / options.LogicalCores;
        Devices = [new PowerDevice(0, options.CpuModel, null)];
        Method = string.Create(CultureInfo.InvariantCulture,
            $"ESTIMATE, not a measurement: this process's CPU time / {options.LogicalCores} logical cores x {tdp.Watts:0.#} W TDP ({tdpOrigin})");
    }

    public string Method { get; }

    public IReadOnlyList<string> Notes { get; } = ["counts only this process's CPU time; idle power, other processes, memory and GPUs are not in it"];

    public EnergySource CounterSource => EnergySource.EstimatedCpuTdp;

    public EnergySource PowerSource => EnergySource.Unavailable;

    public bool CounterRefreshesPeriodically => false;

    public IReadOnlyList<PowerDevice> Devices { get; }

    public string? LastReadProblem => null;

    public static CpuTdpEstimateSource Open(PowerOptions options)
    {
        if (options.LogicalCores < 1)
            throw new PowerSourceException(PowerErrorKind.Failed, $"the CPU reports {options.LogicalCores} logical cores");
        if (options.CpuTdp is { } given)
            return given.Watts > 0
                ? new CpuTdpEstimateSource(options, given, "given")
                : throw new PowerSourceException(PowerErrorKind.Failed, "the CPU's power must be more than 0 W");
        return CpuTdpTable.Find(options.CpuModel) is { } known
            ? new CpuTdpEstimateSource(options, known.Tdp, $"TDP table entry \"{known.ModelSubstring}\"")
            : new CpuTdpEstimateSource(options, CpuTdpTable.DefaultTdp,
                $"\"{options.CpuModel}\" is not in the TDP table, so CodeCarbon's default is assumed; give the real TDP for a better estimate");
    }

    public PowerReading Read() => new(new Energy(_processCpuTime().TotalSeconds * _wattsPerCore), null, null, 0);

    public IReadOnlyList<DeviceSnapshot> Snapshot() => Devices.Select(DeviceSnapshot.NameOnly).ToArray();

    public void Dispose()
    {
    }
}
