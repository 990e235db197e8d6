using InferBench.Telemetry.Power;
using InferBench.Tests.Support;

namespace InferBench.Tests.Telemetry;

public sealed class RaplPowerSourceTests : IDisposable
{
    private const ulong MaxRange = 262143328850;
    private readonly TempFolder _sysfs = new();
    private readonly FakeClock _clock = new();

    public void Dispose() => _sysfs.Dispose();

    [Fact]
    public void Package_counters_are_summed_across_a_wraparound_and_subzones_are_left_out()
    {
        Zone("intel-rapl:0", "package-0", MaxRange - 1_000_000);
        Zone("intel-rapl:0:0", "core", 5);
        Zone("intel-rapl:1", "package-1", 1_000);
        Zone("intel-rapl:2", "psys", 7);
        Zone("intel-rapl-mmio:0", "package-0", 9);
        using var meter = Meter(Options());

        var window = meter.BeginWindow(PowerPhase.Decode);
        Write("intel-rapl:0", 3_000_000);          // wrapped: 1 J before the wrap + 3 J after
        Write("intel-rapl:1", 1_000 + 60_000_000); // 60 J
        _clock.Advance(TimeSpan.FromSeconds(1));
        var result = window.End();

        var source = meter.Selection.Source!;
        Assert.Equal(["package-0", "package-1"], source.Devices.Select(d => d.Name));
        Assert.Equal(PowerWindowStatus.Ok, result.Status);
        Assert.Equal(EnergySource.MeasuredRapl, result.Source);
        Assert.Equal(64, result.Energy!.Value.Joules, 1e-9);
        Assert.Equal(64, result.AveragePower!.Value.Watts, 1e-9);
    }

    [Fact]
    public void Permission_denied_explains_the_root_only_rule()
    {
        Zone("intel-rapl:0", "package-0", 1);
        var options = Options() with { OpenPowercapFile = path => throw new UnauthorizedAccessException($"Access to the path '{path}' is denied.") };

        var selection = PowerSources.Open(PowerSourceChoice.Rapl, options);

        var energy = _sysfs.Combine("intel-rapl:0", "energy_uj");
        Assert.Null(selection.Source);
        Assert.Equal(new UnavailableSource(PowerSourceChoice.Rapl, PowerErrorKind.PermissionDenied,
            $"cannot read {energy}: permission denied. Since the fix for CVE-2020-8694 RAPL energy is readable by root only: run as root, " +
            "or allow reading until the next reboot with 'sudo chmod o+r /sys/class/powercap/intel-rapl:*/energy_uj'"), selection.Tried[0]);
    }

    [SkippableFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_file_the_user_may_not_read_is_permission_denied()
    {
        Skip.If(Environment.IsPrivilegedProcess, "running as root, which reads any file: the seam test above covers this");
        Zone("intel-rapl:0", "package-0", 1);
        File.SetUnixFileMode(_sysfs.Combine("intel-rapl:0", "energy_uj"), UnixFileMode.UserWrite);

        var selection = PowerSources.Open(PowerSourceChoice.Rapl, Options());

        Assert.Equal(PowerErrorKind.PermissionDenied, selection.Tried[0].Error);
    }

    [Fact]
    public void Without_powercap_rapl_is_unavailable_saying_where_it_looked()
    {
        var missing = _sysfs.Combine("powercap");

        var selection = PowerSources.Open(PowerSourceChoice.Rapl, Options() with { PowercapRoot = missing });

        Assert.Equal(new UnavailableSource(PowerSourceChoice.Rapl, PowerErrorKind.Missing,
            $"no powercap interface at {missing}: this kernel exposes no RAPL energy counters (usual in VMs and containers)"), selection.Tried[0]);
    }

    [Fact]
    public void Without_package_zones_rapl_is_unavailable()
    {
        Zone("intel-rapl:0:0", "core", 5);

        var selection = PowerSources.Open(PowerSourceChoice.Rapl, Options());

        Assert.Equal($"rapl: no RAPL package zones (intel-rapl:N named package-N) under {_sysfs.Path}", selection.UnavailableReason);
    }

    [Fact]
    public void Without_the_wrap_range_rapl_is_unavailable()
    {
        Zone("intel-rapl:0", "package-0", 1);
        File.Delete(_sysfs.Combine("intel-rapl:0", "max_energy_range_uj"));

        var selection = PowerSources.Open(PowerSourceChoice.Rapl, Options());

        Assert.Equal(PowerErrorKind.Failed, selection.Tried[0].Error);
        Assert.EndsWith("max_energy_range_uj is missing or holds no number, so counter wraparound cannot be handled", selection.UnavailableReason);
    }

    private PowerMeter Meter(PowerOptions options)
    {
        var meter = new PowerMeter(PowerSources.Open(PowerSourceChoice.Rapl, options), _clock, new PowerMeterOptions());
        Assert.True(meter.Selection.Source is not null, meter.Selection.UnavailableReason);
        return meter;
    }

    private PowerOptions Options() => new() { CpuModel = "test CPU", PowercapRoot = _sysfs.Path };

    private void Zone(string zone, string name, ulong microjoules)
    {
        Directory.CreateDirectory(_sysfs.Combine(zone));
        File.WriteAllText(_sysfs.Combine(zone, "name"), name + "\n");
        File.WriteAllText(_sysfs.Combine(zone, "max_energy_range_uj"), $"{MaxRange}\n");
        Write(zone, microjoules);
    }

    private void Write(string zone, ulong microjoules) => File.WriteAllText(_sysfs.Combine(zone, "energy_uj"), $"{microjoules}\n");
}
