namespace InferBench.Telemetry.Power.Estimate;

/// <summary>
/// Thermal design power of common server and desktop CPUs, matched by a substring of the OS's model name
/// (longest match wins). Values are the vendors' published TDP / default TDP / processor base power per package,
/// from the AMD and Intel product specification pages (amd.com/en/products/processors, intel.com ark), compiled
/// 2026-11-25. TDP is a cooling figure, not a measurement: the estimate it feeds is labelled as such.
/// </summary>
internal static class CpuTdpTable
{
    /// <summary>CodeCarbon's assumption for CPUs missing from its table (codecarbon/external/hardware.py, POWER_CONSTANT).</summary>
    public static readonly Power DefaultTdp = new(85);

    private static readonly (string ModelSubstring, double Watts)[] Entries =
    [
        ("EPYC 9654", 360),
        ("EPYC 9554", 360),
        ("EPYC 9454", 290),
        ("EPYC 7763", 280),
        ("EPYC 7742", 225),
        ("EPYC 7713", 225),
        ("EPYC 7543", 225),
        ("Xeon(R) Platinum 8480", 350),
        ("Xeon(R) Platinum 8380", 270),
        ("Xeon(R) Platinum 8358", 250),
        ("Xeon(R) Gold 6338", 205),
        ("Core(TM) i9-13900K", 125),
        ("Core(TM) i9-14900K", 125),
        ("Ryzen 9 7950X", 170),
        ("Ryzen 9 5950X", 105),
    ];

    public static (string ModelSubstring, Power Tdp)? Find(string cpuModel) => Entries
        .Where(e => cpuModel.Contains(e.ModelSubstring, StringComparison.OrdinalIgnoreCase))
        .OrderByDescending(e => e.ModelSubstring.Length)
        .Select(e => ((string, Power)?)(e.ModelSubstring, new Power(e.Watts)))
        .FirstOrDefault();
}
