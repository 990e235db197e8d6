using InferBench.Statistics;

namespace InferBench.Telemetry.Power.Estimate;

/// <summary>
/// Thermal design power and hardware threads of common server and desktop CPUs, matched by a substring of the OS's
/// model name (longest match wins). Values are the vendors' published TDP / default TDP / processor base power per
/// package, from the AMD and Intel product specification pages (amd.com/en/products/processors, intel.com ark),
/// compiled 2026-11-25; the threads per package were added 2026-11-29 from the same vendors' published core and thread
/// counts as recalled, not re-read from the pages (this machine has no internet). TDP is a cooling figure, not a
/// measurement: the estimate it feeds is labelled as such.
/// </summary>
internal static class CpuTdpTable
{
    private static readonly CpuTdpEntry[] Entries =
    [
        new("EPYC 9654", 360, 192, Server: true),
        new("EPYC 9554", 360, 128, Server: true),
        new("EPYC 9454", 290, 96, Server: true),
        new("EPYC 7763", 280, 128, Server: true),
        new("EPYC 7742", 225, 128, Server: true),
        new("EPYC 7713", 225, 128, Server: true),
        new("EPYC 7543", 225, 64, Server: true),
        new("Xeon(R) Platinum 8480", 350, 112, Server: true),
        new("Xeon(R) Platinum 8380", 270, 80, Server: true),
        new("Xeon(R) Platinum 8358", 250, 64, Server: true),
        new("Xeon(R) Gold 6338", 205, 64, Server: true),
        new("Core(TM) i9-13900K", 125, 32, Server: false),
        new("Core(TM) i9-14900K", 125, 32, Server: false),
        new("Ryzen 9 7950X", 170, 32, Server: false),
        new("Ryzen 9 5950X", 105, 32, Server: false),
    ];

    /// <summary>Server chips in the table, whose median watts per hardware thread stands in for an unknown chip.</summary>
    public static int ServerChips => Entries.Count(e => e.Server);

    /// <summary>
    /// The median TDP per hardware thread of the table's server chips (3.02 W, the EPYC 9454's 290 W / 96 threads),
    /// charged per busy thread of a chip the table does not know: a cloud VM usually names only "AMD EPYC" or
    /// "Intel Xeon", and its vCPUs are threads of such a chip.
    /// </summary>
    public static Power DefaultWattsPerThread { get; } = new(SampleStatisticsCalculator.From(Entries.Where(e => e.Server).Select(e => e.WattsPerThread).ToArray()).Median);

    public static CpuTdpEntry? Find(string cpuModel) => Entries
        .Where(e => cpuModel.Contains(e.ModelSubstring, StringComparison.OrdinalIgnoreCase))
        .OrderByDescending(e => e.ModelSubstring.Length)
        .FirstOrDefault();
}
