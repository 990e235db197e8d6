using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Win32.SafeHandles;

namespace InferBench.Telemetry.Power.Rapl;

/// <summary>
/// CPU package energy from Linux powercap RAPL counters (intel-rapl:N, also used by AMD Zen), summed over packages.
/// Subzones (cores, dram) are inside their package's count and are left out; so is psys, which overlaps packages.
/// </summary>
internal sealed partial class RaplPowerSource : IPowerSource
{
    private readonly RaplZone[] _zones;
    private string? _problem;

    private RaplPowerSource(RaplZone[] zones)
    {
        _zones = zones;
        Devices = zones.Select(z => z.Device).ToArray();
        Method = $"RAPL package energy counters (powercap energy_uj, µJ), difference over each window, summed over {zones.Length} package(s)";
    }

    public string Method { get; }

    public IReadOnlyList<string> Notes { get; } = ["RAPL counts the whole package, whatever else runs on it"];

    public EnergySource CounterSource => EnergySource.MeasuredRapl;

    public EnergySource PowerSource => EnergySource.Unavailable;

    public bool CounterRefreshesPeriodically => true;

    public IReadOnlyList<PowerDevice> Devices { get; }

    public string? LastReadProblem => _problem;

    public static RaplPowerSource Open(string root, Func<string, SafeFileHandle> openRead)
    {
        if (!Directory.Exists(root))
            throw new PowerSourceException(PowerErrorKind.Missing,
                $"no powercap interface at {root}: this kernel exposes no RAPL energy counters (usual in VMs and containers)");
        var packages = Directory.EnumerateFileSystemEntries(root)
            .Select(path => (Path: path, Match: TopLevelZone().Match(System.IO.Path.GetFileName(path))))
            .Where(z => z.Match.Success && ReadText(System.IO.Path.Combine(z.Path, "name"))?.StartsWith("package", StringComparison.Ordinal) == true)
            .OrderBy(z => int.Parse(z.Match.Groups[1].Value, CultureInfo.InvariantCulture))
            .ToArray();
        if (packages.Length == 0)
            throw new PowerSourceException(PowerErrorKind.Missing, $"no RAPL package zones (intel-rapl:N named package-N) under {root}");

        var zones = new List<RaplZone>();
        try
        {
            foreach (var (path, match) in packages)
                zones.Add(OpenZone(path, int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), openRead));
        }
        catch
        {
            zones.ForEach(z => z.Dispose());
            throw;
        }
        return new RaplPowerSource(zones.ToArray());
    }

    public PowerReading Read()
    {
        _problem = null;
        var complete = true;
        foreach (var zone in _zones)
        {
            try
            {
                complete &= zone.Update() || Fail($"{zone.Device.Id}/energy_uj held no number");
            }
            catch (IOException e)
            {
                complete = Fail($"{zone.Device.Id}/energy_uj could not be read: {e.Message}");
            }
        }
        return new PowerReading(complete ? Energy.FromMicrojoules(CountedMicrojoules()) : null, null, null, 0);
    }

    public IReadOnlyList<DeviceSnapshot> Snapshot() => Devices.Select(DeviceSnapshot.NameOnly).ToArray();

    public void Dispose()
    {
        foreach (var zone in _zones)
            zone.Dispose();
    }

    private static RaplZone OpenZone(string path, int index, Func<string, SafeFileHandle> openRead)
    {
        var energyPath = System.IO.Path.Combine(path, "energy_uj");
        var rangePath = System.IO.Path.Combine(path, "max_energy_range_uj");
        if (!ulong.TryParse(ReadText(rangePath), NumberStyles.None, CultureInfo.InvariantCulture, out var range))
            throw new PowerSourceException(PowerErrorKind.Failed, $"{rangePath} is missing or holds no number, so counter wraparound cannot be handled");
        SafeFileHandle energy;
        try
        {
            energy = openRead(energyPath);
        }
        catch (UnauthorizedAccessException)
        {
            throw new PowerSourceException(PowerErrorKind.PermissionDenied,
                $"cannot read {energyPath}: permission denied. Since the fix for CVE-2020-8694 RAPL energy is readable by root only: " +
                "run as root, or allow reading until the next reboot with 'sudo chmod o+r /sys/class/powercap/intel-rapl:*/energy_uj'");
        }
        catch (IOException e)
        {
            throw new PowerSourceException(PowerErrorKind.Missing, $"cannot open {energyPath}: {e.Message}");
        }
        var name = ReadText(System.IO.Path.Combine(path, "name"))!;
        return new RaplZone(new PowerDevice(index, name, path), energy, range);
    }

    private static string? ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private bool Fail(string problem)
    {
        _problem = problem;
        return false;
    }

    private ulong CountedMicrojoules()
    {
        ulong total = 0;
        foreach (var zone in _zones)
            total += zone.Counter.Total;
        return total;
    }

    [GeneratedRegex(@"^intel-rapl:(\d+)$")]
    private static partial Regex TopLevelZone();
}
