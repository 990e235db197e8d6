using InferBench.Telemetry.Power;
using InferBench.Tests.Support;

namespace InferBench.Tests.Telemetry;

public sealed class CpuTdpEstimateTests
{
    private readonly FakeClock _clock = new();
    private TimeSpan _cpuTime;

    [Fact]
    public void The_estimate_is_cpu_time_times_the_given_power_per_hardware_thread_and_says_it_is_an_estimate()
    {
        using var meter = Meter(Options("AMD EPYC") with { Cpu = new CpuRating(new Power(100), 8) });

        var window = meter.BeginWindow(PowerPhase.Decode);
        _cpuTime += TimeSpan.FromSeconds(2); // 2 threads busy for 1 s
        _clock.Advance(TimeSpan.FromSeconds(1));
        var result = window.End();

        Assert.Equal(PowerWindowStatus.Ok, result.Status);
        Assert.Equal(EnergySource.EstimatedCpuTdp, result.Source);
        Assert.Equal("estimated-cpu-tdp", JsonEnumName.Of(result.Source));
        Assert.Equal(25, result.Energy!.Value.Joules, 1e-9);
        Assert.Equal(25, result.AveragePower!.Value.Watts, 1e-9);
        Assert.Equal("ESTIMATE, not a measurement: this process's CPU time x 12.5 W per hardware thread (100 W TDP / 8 hardware threads of the chip: given)",
            meter.Selection.Source!.Method);
    }

    [Fact]
    public void A_vm_slice_of_a_known_chip_is_charged_per_thread_of_the_whole_chip_not_its_whole_tdp()
    {
        // Two busy vCPUs of a 280 W, 128-thread EPYC 7763 for 1 s: 2 x 280 / 128 W, not 280 W.
        using var meter = Meter(Options("AMD EPYC 7763 64-Core Processor"));

        var window = meter.BeginWindow(PowerPhase.Decode);
        _cpuTime += TimeSpan.FromSeconds(2);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var result = window.End();

        Assert.Equal(4.375, result.Energy!.Value.Joules, 1e-9);
    }

    [Theory]
    [InlineData("AMD EPYC 7763 64-Core Processor", "x 2.188 W per hardware thread (280 W TDP / 128 hardware threads of the chip: TDP table, table entry \"EPYC 7763\")")]
    [InlineData("Intel(R) Xeon(R) Platinum 8480+", "x 3.125 W per hardware thread (350 W TDP / 112 hardware threads of the chip: TDP table, table entry \"Xeon(R) Platinum 8480\")")]
    [InlineData("AMD EPYC", "x 3.021 W per hardware thread (\"AMD EPYC\" is not in the TDP table: the median TDP per hardware thread of the table's 11 server chips is assumed; give the chip's TDP and hardware threads for a better estimate)")]
    public void Without_a_given_power_the_tdp_table_decides(string cpuModel, string method)
    {
        using var meter = Meter(Options(cpuModel));

        Assert.EndsWith(method, meter.Selection.Source!.Method);
    }

    [Fact]
    public void An_unknown_chip_is_charged_the_median_watts_per_thread_of_the_tables_server_chips()
    {
        // Per thread: 1.758 (7742, 7713), 1.875, 2.188, 2.813, 3.021 (EPYC 9454: 290 W / 96), 3.125, 3.203, 3.375, 3.516, 3.906.
        using var meter = Meter(Options("AMD EPYC"));

        var window = meter.BeginWindow(PowerPhase.Decode);
        _cpuTime += TimeSpan.FromSeconds(2);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var result = window.End();

        Assert.Equal(2 * 290.0 / 96, result.Energy!.Value.Joules, 1e-9);
    }

    [Fact]
    public void Threads_fewer_than_the_logical_cores_the_machine_shows_are_refused()
    {
        var selection = PowerSources.Open(PowerSourceChoice.Estimate,
            Options("AMD EPYC") with { Cpu = new CpuRating(new Power(85), 1), VisibleLogicalCores = 2 });

        Assert.Null(selection.Source);
        Assert.StartsWith("estimate: 1 hardware threads is fewer than the 2 logical cores this machine shows; the chip has at least as many", selection.UnavailableReason);
        Assert.Null(new CpuRating(new Power(85), 2).ProblemFor("AMD EPYC", visibleLogicalCores: 2));
    }

    [Fact]
    public void A_given_power_for_an_unknown_chip_needs_its_threads()
    {
        var selection = PowerSources.Open(PowerSourceChoice.Estimate, Options("AMD EPYC") with { Cpu = new CpuRating(new Power(200), null) });

        Assert.Null(selection.Source);
        Assert.Equal("estimate: the given TDP is the whole chip's, but \"AMD EPYC\" is not in the TDP table, so its hardware threads are unknown: " +
                     "give both (the whole chip's threads, not this VM's)", selection.UnavailableReason);
    }

    [Fact]
    public void The_estimate_gives_no_net_of_idle_and_says_why()
    {
        using var meter = Meter(Options("AMD EPYC"));
        var idle = meter.MeasureIdle(TimeSpan.FromSeconds(1), CancellationToken.None);
        var window = meter.BeginWindow(PowerPhase.Generation);
        _cpuTime += TimeSpan.FromSeconds(1);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var result = window.End();

        Assert.Equal(PowerWindowStatus.Ok, idle.Status);
        Assert.Null(result.NetOf(new IdleBaseline(idle, null)));
        Assert.Contains(meter.Selection.Source!.Notes, n => n.StartsWith("no J/token net of idle: the estimate's idle baseline would be this process's own CPU time", StringComparison.Ordinal));
    }

    [Fact]
    public void An_idle_process_is_estimated_at_zero_not_too_short()
    {
        using var meter = Meter(Options("AMD EPYC") with { Cpu = new CpuRating(new Power(100), 4) });

        var window = meter.BeginWindow(PowerPhase.Idle);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var result = window.End();

        Assert.Equal(PowerWindowStatus.Ok, result.Status);
        Assert.Equal(0, result.Energy!.Value.Joules);
    }

    [Fact]
    public void The_peak_is_the_busiest_sample_interval()
    {
        using var meter = Meter(Options("AMD EPYC") with { Cpu = new CpuRating(new Power(100), 4) });

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
        var selection = PowerSources.Open(PowerSourceChoice.Estimate, Options("AMD EPYC") with { Cpu = new CpuRating(new Power(0), null) });

        Assert.Equal("estimate: expected a number above 0 and at most 5000, got 0", selection.UnavailableReason);
    }

    private PowerOptions Options(string cpuModel) => new() { CpuModel = cpuModel, ProcessCpuTime = () => _cpuTime, VisibleLogicalCores = 1 };

    private PowerMeter Meter(PowerOptions options) =>
        new(PowerSources.Open(PowerSourceChoice.Estimate, options), _clock, new PowerMeterOptions());

    [Theory]
    [InlineData(100.0, null)]
    [InlineData(null, 64)]
    public void A_rating_the_table_cannot_complete_names_both_inputs_so_the_user_hears_of_both_options(double? watts, int? threads)
    {
        var problem = new CpuRating(watts is { } w ? new Power(w) : null, threads).ProblemFor("AMD EPYC", visibleLogicalCores: 1);

        Assert.Equal([PowerInputs.CpuTdpWatts.Field, PowerInputs.CpuThreads.Field], problem!.Fields);
    }
}
