using InferBench.Telemetry.Power;

namespace InferBench.Tests.Telemetry;

public sealed class CpuTdpEstimateTests
{
    private readonly FakeClock _clock = new();
    private TimeSpan _cpuTime;

    [Fact]
    public void The_estimate_is_cpu_time_over_cores_times_the_given_power_and_says_it_is_an_estimate()
    {
        using var meter = Meter(Options("AMD EPYC 7763 64-Core Processor") with { CpuTdp = new Power(100) });

        var window = meter.BeginWindow(PowerPhase.Decode);
        _cpuTime += TimeSpan.FromSeconds(2); // 2 of 4 cores busy for 1 s
        _clock.Advance(TimeSpan.FromSeconds(1));
        var result = window.End();

        Assert.Equal(PowerWindowStatus.Ok, result.Status);
        Assert.Equal(EnergySource.EstimatedCpuTdp, result.Source);
        Assert.Equal("estimated-cpu-tdp", JsonEnumName.Of(result.Source));
        Assert.Equal(50, result.Energy!.Value.Joules, 1e-9);
        Assert.Equal(50, result.AveragePower!.Value.Watts, 1e-9);
        Assert.Equal("ESTIMATE, not a measurement: this process's CPU time / 4 logical cores x 100 W TDP (given)", meter.Selection.Source!.Method);
    }

    [Theory]
    [InlineData("AMD EPYC 7763 64-Core Processor", "x 280 W TDP (TDP table entry \"EPYC 7763\")")]
    [InlineData("Intel(R) Xeon(R) Platinum 8480+", "x 350 W TDP (TDP table entry \"Xeon(R) Platinum 8480\")")]
    [InlineData("AMD EPYC", "x 85 W TDP (\"AMD EPYC\" is not in the TDP table, so CodeCarbon's default is assumed; give the real TDP for a better estimate)")]
    public void Without_a_given_power_the_tdp_table_decides(string cpuModel, string method)
    {
        using var meter = Meter(Options(cpuModel));

        Assert.EndsWith(method, meter.Selection.Source!.Method);
    }

    [Fact]
    public void An_idle_process_is_estimated_at_zero_not_too_short()
    {
        using var meter = Meter(Options("AMD EPYC") with { CpuTdp = new Power(100) });

        var window = meter.BeginWindow(PowerPhase.Idle);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var result = window.End();

        Assert.Equal(PowerWindowStatus.Ok, result.Status);
        Assert.Equal(0, result.Energy!.Value.Joules);
    }

    [Fact]
    public void The_peak_is_the_busiest_sample_interval()
    {
        using var meter = Meter(Options("AMD EPYC") with { CpuTdp = new Power(100) });

        var window = meter.BeginWindow(PowerPhase.Decode);
        foreach (var busyCores in new[] { 1.0, 4.0, 2.0 })
        {
            _cpuTime += TimeSpan.FromSeconds(busyCores * 0.1);
            _clock.Advance(TimeSpan.FromMilliseconds(100));
            meter.Sample();
        }
        var result = window.End();

        Assert.Equal(100, result.PeakPower!.Value.Watts, 1e-9);
        Assert.Equal(17.5, result.Energy!.Value.Joules, 1e-9);
    }

    [Fact]
    public void A_power_of_zero_is_refused()
    {
        var selection = PowerSources.Open(PowerSourceChoice.Estimate, Options("AMD EPYC") with { CpuTdp = new Power(0) });

        Assert.Equal("estimate: the CPU's power must be more than 0 W", selection.UnavailableReason);
    }

    private PowerOptions Options(string cpuModel) => new() { CpuModel = cpuModel, LogicalCores = 4, ProcessCpuTime = () => _cpuTime };

    private PowerMeter Meter(PowerOptions options) =>
        new(PowerSources.Open(PowerSourceChoice.Estimate, options), _clock, new PowerMeterOptions());
}
