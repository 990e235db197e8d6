using System.Globalization;

namespace InferBench.Telemetry.Power.Estimate;

/// <summary>
/// Not a measurement: this process's CPU time times the watts of one hardware thread of its chip (the chip's TDP /
/// its hardware threads). The TDP belongs to the whole chip, so a VM that sees 2 of a 128-thread chip's threads is
/// charged 2/128 of it when both are busy, not all of it. The "counter" is CPU time scaled to joules, so a window's
/// estimate is its CPU-time difference x watts per thread. It ignores idle power, other processes, memory and turbo
/// above TDP; every figure is labelled estimated-cpu-tdp.
/// </summary>
internal sealed class CpuTdpEstimateSource : IPowerSource
{
    private readonly Func<TimeSpan> _processCpuTime;
    private readonly double _wattsPerThread;

    private CpuTdpEstimateSource(PowerOptions options, Power wattsPerThread, string rating)
    {
        _processCpuTime = options.ProcessCpuTime;
        _wattsPerThread = wattsPerThread.Watts;
        Devices = [new PowerDevice(0, options.CpuModel, null)];
        Method = string.Create(CultureInfo.InvariantCulture,
            $"ESTIMATE, not a measurement: this process's CPU time x {wattsPerThread.Watts:0.###} W per hardware thread ({rating})");
    }

    public string Method { get; }

    public IReadOnlyList<string> Notes { get; } =
    [
        "counts only this process's CPU time; idle power, other processes, memory and GPUs are not in it",
        "no J/token net of idle: the estimate's idle baseline would be this process's own CPU time while it waits, not the machine's idle power",
    ];

    public EnergySource CounterSource => EnergySource.EstimatedCpuTdp;

    public EnergySource PowerSource => EnergySource.Unavailable;

    public bool CounterRefreshesPeriodically => false;

    public IReadOnlyList<PowerDevice> Devices { get; }

    public string? LastReadProblem => null;

    public static CpuTdpEstimateSource Open(PowerOptions options)
    {
        var cpu = options.Cpu;
        if (cpu.ProblemFor(options.CpuModel, options.VisibleLogicalCores) is { } problem)
            throw new PowerSourceException(PowerErrorKind.Failed, problem.Problem);
        var known = CpuTdpTable.Find(options.CpuModel);
        if (known is null && cpu.Tdp is null)
            return new CpuTdpEstimateSource(options, CpuTdpTable.DefaultWattsPerThread,
                $"\"{options.CpuModel}\" is not in the TDP table: the median TDP per hardware thread of the table's {CpuTdpTable.ServerChips} " +
                "server chips is assumed; give the chip's TDP and hardware threads for a better estimate");
        var watts = cpu.Tdp?.Watts ?? known!.Watts;
        var threads = cpu.HardwareThreads ?? known!.HardwareThreads;
        var tdpOrigin = cpu.Tdp is null ? "TDP table" : "given";
        var threadsOrigin = cpu.HardwareThreads is null ? "TDP table" : "given";
        var origin = tdpOrigin == threadsOrigin ? tdpOrigin : $"TDP {tdpOrigin}, threads {threadsOrigin}";
        var entry = known is null ? "" : $", table entry \"{known.ModelSubstring}\"";
        return new CpuTdpEstimateSource(options, new Power(watts / threads),
            string.Create(CultureInfo.InvariantCulture, $"{watts:0.#} W TDP / {threads} hardware threads of the chip: {origin}{entry}"));
    }

    public PowerReading Read() => new(new Energy(_processCpuTime().TotalSeconds * _wattsPerThread), null, null, 0);

    public IReadOnlyList<DeviceSnapshot> Snapshot() => Devices.Select(DeviceSnapshot.NameOnly).ToArray();

    public void Dispose()
    {
    }
}
