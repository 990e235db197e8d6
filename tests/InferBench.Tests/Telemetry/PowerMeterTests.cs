using InferBench.Telemetry.Power;
using InferBench.Tests.Support;

namespace InferBench.Tests.Telemetry;

public sealed class PowerMeterTests
{
    private static readonly TimeSpan SamplePeriod = TimeSpan.FromMilliseconds(100);

    // Phases of one repetition, each at its own power, with 100 ms ramps between them.
    private static readonly PowerTrace PhasedTrace = new(
        (0, 150), (2, 150), (2.1, 300), (3, 300), (3.1, 420), (3.5, 420), (3.6, 250), (6.5, 250), (6.6, 60), (8.5, 60));

    private static readonly (PowerPhase Phase, double Seconds, double Joules, double PeakWatts)[] Phases =
    [
        (PowerPhase.Load, 2.0, 300.0, 150),     // 150 W x 2 s
        (PowerPhase.Warmup, 1.0, 292.5, 300),   // ramp 150->300 over 0.1 s (22.5 J) + 300 W x 0.9 s
        (PowerPhase.Prefill, 0.5, 204.0, 420),  // ramp 300->420 (36 J) + 420 W x 0.4 s
        (PowerPhase.Decode, 3.0, 758.5, 420),   // ramp 420->250 (33.5 J) + 250 W x 2.9 s; the ramp starts at 420 W
        (PowerPhase.Idle, 2.0, 129.5, 250),     // ramp 250->60 (15.5 J) + 60 W x 1.9 s
    ];

    [Theory]
    [InlineData(true, EnergySource.MeasuredNvmlCounter)]
    [InlineData(false, EnergySource.MeasuredNvmlPower)]
    public void Each_phase_window_gets_the_joules_of_its_phase(bool counter, EnergySource expectedSource)
    {
        var clock = new FakeClock();
        using var meter = Meter(new ScriptedPowerSource(clock, PhasedTrace) { HasCounter = counter }, clock);

        foreach (var (phase, seconds, joules, peakWatts) in Phases)
        {
            var window = meter.BeginWindow(phase);
            clock.RunSampling(meter, TimeSpan.FromSeconds(seconds), SamplePeriod);
            var result = window.End();

            Assert.Equal(phase, result.Phase);
            Assert.Equal(PowerWindowStatus.Ok, result.Status);
            Assert.Equal(expectedSource, result.Source);
            Assert.Equal(TimeSpan.FromSeconds(seconds), result.Duration);
            Assert.Equal(joules, result.Energy!.Value.Joules, 1e-9);
            Assert.Equal(joules / seconds, result.AveragePower!.Value.Watts, 1e-9);
            Assert.Equal(peakWatts, result.PeakPower!.Value.Watts, 1e-9);
        }
    }

    [Fact]
    public void Windows_may_nest_and_overlap()
    {
        var clock = new FakeClock();
        using var meter = Meter(new ScriptedPowerSource(clock, PhasedTrace), clock);

        var outer = meter.BeginWindow(PowerPhase.Warmup);
        clock.RunSampling(meter, TimeSpan.FromSeconds(3), SamplePeriod);
        var inner = meter.BeginWindow(PowerPhase.Prefill);
        clock.RunSampling(meter, TimeSpan.FromSeconds(0.5), SamplePeriod);
        var outerResult = outer.End();
        var innerResult = inner.End();

        Assert.Equal(300 + 292.5 + 204, outerResult.Energy!.Value.Joules, 1e-9);
        Assert.Equal(204, innerResult.Energy!.Value.Joules, 1e-9);
    }

    [Fact]
    public void A_counter_only_source_reports_the_peak_of_update_interval_averages()
    {
        var clock = new FakeClock();
        using var meter = Meter(new ScriptedPowerSource(clock, PhasedTrace) { HasPower = false }, clock);
        clock.RunSampling(meter, TimeSpan.FromSeconds(3.5), SamplePeriod);

        var window = meter.BeginWindow(PowerPhase.Decode);
        clock.RunSampling(meter, TimeSpan.FromSeconds(3), SamplePeriod);
        var result = window.End();

        Assert.Equal(758.5, result.Energy!.Value.Joules, 1e-9);
        Assert.Equal(335, result.PeakPower!.Value.Watts, 1e-6); // the 3.5-3.6 s interval: mean of 420 and 250
        Assert.Null(result.CrossCheck);
    }

    [Fact]
    public void Windows_shorter_than_a_few_counter_updates_are_too_short_not_zero()
    {
        var clock = new FakeClock();
        var source = new ScriptedPowerSource(clock, PowerTrace.Constant(200)) { HasPower = false, CounterStep = SamplePeriod };
        using var meter = Meter(source, clock);
        clock.RunSampling(meter, TimeSpan.FromSeconds(1.2), SamplePeriod);

        clock.Advance(TimeSpan.FromMilliseconds(10));
        var still = meter.BeginWindow(PowerPhase.Prefill);
        clock.Advance(TimeSpan.FromMilliseconds(50));
        var counterStill = still.End();
        clock.Advance(TimeSpan.FromMilliseconds(40));
        var shortWindow = meter.BeginWindow(PowerPhase.Prefill);
        clock.RunSampling(meter, TimeSpan.FromMilliseconds(150), SamplePeriod);
        var tooShort = shortWindow.End();
        var longWindow = meter.BeginWindow(PowerPhase.Decode);
        clock.RunSampling(meter, TimeSpan.FromSeconds(2), SamplePeriod);
        var ok = longWindow.End();

        Assert.All(new[] { counterStill, tooShort }, result =>
        {
            Assert.Equal(PowerWindowStatus.TooShort, result.Status);
            Assert.Equal(EnergySource.MeasuredNvmlCounter, result.Source);
            Assert.Null(result.Energy);
            Assert.Null(result.AveragePower);
        });
        Assert.Equal("the energy counter did not move in this 50 ms window (it updates about every 100 ms): " +
                     "repeat the workload inside a longer window", counterStill.Reason);
        Assert.Equal("a 150 ms window is shorter than 3 energy counter updates (it updates about every 100 ms): " +
                     "repeat the workload inside a longer window", tooShort.Reason);
        Assert.Equal(PowerWindowStatus.Ok, ok.Status);
        Assert.InRange(ok.Energy!.Value.Joules, 380, 420); // 200 W x 2 s, to within one 100 ms counter step
        Assert.InRange(meter.CounterUpdatePeriod!.Value.TotalMilliseconds, 100, 110);
    }

    [Fact]
    public void Before_the_counter_period_is_known_the_sample_period_stands_in()
    {
        var clock = new FakeClock();
        var source = new ScriptedPowerSource(clock, PowerTrace.Constant(200)) { HasPower = false, CounterStep = SamplePeriod };
        using var meter = Meter(source, clock);

        var window = meter.BeginWindow(PowerPhase.Load);
        clock.RunSampling(meter, TimeSpan.FromMilliseconds(150), SamplePeriod); // the counter changes once
        var result = window.End();

        Assert.Null(meter.CounterUpdatePeriod);
        Assert.Equal(PowerWindowStatus.TooShort, result.Status);
        Assert.Equal("a 150 ms window is shorter than 3 energy counter updates (its update period is not known yet, " +
                     "so the 100 ms sample period is assumed): repeat the workload inside a longer window", result.Reason);
    }

    [Fact]
    public void Integrated_power_windows_shorter_than_a_few_samples_are_too_short()
    {
        var clock = new FakeClock();
        using var meter = Meter(new ScriptedPowerSource(clock, PowerTrace.Constant(200)) { HasCounter = false }, clock);

        var window = meter.BeginWindow(PowerPhase.Prefill);
        clock.RunSampling(meter, TimeSpan.FromMilliseconds(250), SamplePeriod);
        var result = window.End();

        Assert.Equal(PowerWindowStatus.TooShort, result.Status);
        Assert.Equal(EnergySource.MeasuredNvmlPower, result.Source);
        Assert.Null(result.Energy);
        Assert.StartsWith("a 250 ms window is shorter than 3 power readings 100 ms apart", result.Reason);
    }

    [Theory]
    [InlineData(1.0, false)]
    [InlineData(1.3, true)]
    public void Counter_energy_is_cross_checked_against_integrated_power(double counterScale, bool disagrees)
    {
        var clock = new FakeClock();
        using var meter = Meter(new ScriptedPowerSource(clock, PhasedTrace) { CounterScale = counterScale }, clock);

        var window = meter.BeginWindow(PowerPhase.Decode);
        clock.RunSampling(meter, TimeSpan.FromSeconds(8), SamplePeriod);
        var result = window.End();

        var check = result.CrossCheck!;
        Assert.Equal(PowerWindowStatus.Ok, result.Status);
        Assert.Equal(EnergySource.MeasuredNvmlCounter, result.Source);
        Assert.Equal(PhasedTrace.Between(TimeSpan.Zero, TimeSpan.FromSeconds(8)).Joules, check.Integrated.Joules, 1e-9);
        Assert.Equal(Math.Abs(counterScale - 1) / counterScale, check.RelativeDifference, 1e-9);
        Assert.Equal(disagrees, check.Disagrees);
    }

    [Fact]
    public void A_window_is_throttled_when_a_reading_inside_it_shows_power_or_thermal_limits()
    {
        var clock = new FakeClock();
        var source = new ScriptedPowerSource(clock, PowerTrace.Constant(300))
        {
            Reasons = t => t >= TimeSpan.FromSeconds(1) && t < TimeSpan.FromSeconds(1.3)
                ? ThrottleReasons.PowerCap | ThrottleReasons.SoftwareThermal
                : ThrottleReasons.GpuIdle,
        };
        using var meter = Meter(source, clock);

        var throttledWindow = meter.BeginWindow(PowerPhase.Decode);
        clock.RunSampling(meter, TimeSpan.FromSeconds(2), SamplePeriod);
        var throttled = throttledWindow.End();
        var idleWindow = meter.BeginWindow(PowerPhase.Idle);
        clock.RunSampling(meter, TimeSpan.FromSeconds(1), SamplePeriod);
        var idle = idleWindow.End();

        Assert.True(throttled.Throttled);
        Assert.Equal(ThrottleReasons.PowerCap | ThrottleReasons.SoftwareThermal | ThrottleReasons.GpuIdle, throttled.ThrottleReasons);
        Assert.False(idle.Throttled);
        Assert.Equal(ThrottleReasons.GpuIdle, idle.ThrottleReasons);
    }

    [Fact]
    public void Without_throttle_readings_throttling_is_unknown_not_false()
    {
        var clock = new FakeClock();
        using var meter = Meter(new ScriptedPowerSource(clock, PowerTrace.Constant(300)), clock);

        var window = meter.BeginWindow(PowerPhase.Decode);
        clock.RunSampling(meter, TimeSpan.FromSeconds(1), SamplePeriod);
        var result = window.End();

        Assert.Null(result.Throttled);
        Assert.Null(result.ThrottleReasons);
    }

    [Fact]
    public void Without_a_source_every_window_is_unavailable_with_the_reason()
    {
        var clock = new FakeClock();
        using var meter = Meter(null, clock);

        var window = meter.BeginWindow(PowerPhase.Decode);
        clock.RunSampling(meter, TimeSpan.FromSeconds(1), SamplePeriod);
        var result = window.End();

        Assert.Equal(PowerWindowStatus.Unavailable, result.Status);
        Assert.Equal(EnergySource.Unavailable, result.Source);
        Assert.Equal(TimeSpan.FromSeconds(1), result.Duration);
        Assert.Null(result.Energy);
        Assert.Null(result.AveragePower);
        Assert.Equal("no source in this test", result.Reason);
    }

    [Fact]
    public void A_counter_reset_inside_a_window_falls_back_to_integrated_power()
    {
        var clock = new FakeClock();
        using var meter = Meter(new ScriptedPowerSource(clock, PowerTrace.Constant(250)) { CounterResetAt = TimeSpan.FromSeconds(1.5) }, clock);
        clock.RunSampling(meter, TimeSpan.FromSeconds(1), SamplePeriod);

        var window = meter.BeginWindow(PowerPhase.Decode);
        clock.RunSampling(meter, TimeSpan.FromSeconds(1), SamplePeriod);
        var result = window.End();

        Assert.Equal(PowerWindowStatus.Ok, result.Status);
        Assert.Equal(EnergySource.MeasuredNvmlPower, result.Source);
        Assert.Equal(250, result.Energy!.Value.Joules, 1e-9);
        Assert.Equal("the energy counter went backwards during the window (driver reloaded?)", result.Reason);
    }

    [Fact]
    public void A_counter_reset_without_power_readings_leaves_the_window_unavailable()
    {
        var clock = new FakeClock();
        var source = new ScriptedPowerSource(clock, PowerTrace.Constant(250)) { HasPower = false, CounterResetAt = TimeSpan.FromSeconds(1.5) };
        using var meter = Meter(source, clock);
        clock.RunSampling(meter, TimeSpan.FromSeconds(1), SamplePeriod);

        var window = meter.BeginWindow(PowerPhase.Decode);
        clock.RunSampling(meter, TimeSpan.FromSeconds(1), SamplePeriod);
        var result = window.End();

        Assert.Equal(PowerWindowStatus.Unavailable, result.Status);
        Assert.Equal(EnergySource.Unavailable, result.Source);
        Assert.Null(result.Energy);
        Assert.Equal("the energy counter went backwards during the window (driver reloaded?)", result.Reason);
    }

    [Fact]
    public void A_failed_counter_read_at_the_window_end_says_what_failed()
    {
        var clock = new FakeClock();
        var source = new ScriptedPowerSource(clock, PowerTrace.Constant(250)) { HasPower = false, CounterFailsFrom = TimeSpan.FromSeconds(2) };
        using var meter = Meter(source, clock);
        clock.RunSampling(meter, TimeSpan.FromSeconds(1), SamplePeriod);

        var window = meter.BeginWindow(PowerPhase.Decode);
        clock.RunSampling(meter, TimeSpan.FromSeconds(1), SamplePeriod);
        var result = window.End();

        Assert.Equal(PowerWindowStatus.Unavailable, result.Status);
        Assert.Equal("the energy counter could not be read at the window's end: scripted counter failure", result.Reason);
    }

    [Fact]
    public void A_window_that_outlives_the_ring_keeps_its_counter_energy_but_not_its_peak()
    {
        var clock = new FakeClock();
        var options = new PowerMeterOptions { SampleCapacity = 4 };
        using var counted = Meter(new ScriptedPowerSource(clock, PowerTrace.Constant(100)), clock, options);
        var integratedClock = new FakeClock();
        using var integrated = Meter(new ScriptedPowerSource(integratedClock, PowerTrace.Constant(100)) { HasCounter = false }, integratedClock, options);

        var countedWindow = counted.BeginWindow(PowerPhase.Decode);
        clock.RunSampling(counted, TimeSpan.FromSeconds(1), SamplePeriod);
        var countedResult = countedWindow.End();
        var integratedWindow = integrated.BeginWindow(PowerPhase.Decode);
        integratedClock.RunSampling(integrated, TimeSpan.FromSeconds(1), SamplePeriod);
        var integratedResult = integratedWindow.End();

        const string outlived = "the window outlived the last 4 readings, so peak power and throttling are unknown";
        Assert.Equal(PowerWindowStatus.Ok, countedResult.Status);
        Assert.Equal(100, countedResult.Energy!.Value.Joules, 1e-9);
        Assert.Null(countedResult.PeakPower);
        Assert.Equal(outlived, countedResult.Reason);
        Assert.Equal(PowerWindowStatus.Unavailable, integratedResult.Status);
        Assert.Equal(outlived, integratedResult.Reason);
    }

    [Fact]
    public void Idle_baseline_gives_energy_net_of_idle()
    {
        var clock = new FakeClock();
        using var meter = Meter(new ScriptedPowerSource(clock, new PowerTrace((0, 60), (2, 60), (2.1, 250), (4.1, 250), (4.2, 60))), clock);
        clock.SleepTicked += meter.Sample;

        var before = meter.MeasureIdle(TimeSpan.FromSeconds(2), CancellationToken.None);
        clock.RunSampling(meter, TimeSpan.FromMilliseconds(100), SamplePeriod);
        var decodeWindow = meter.BeginWindow(PowerPhase.Decode);
        clock.RunSampling(meter, TimeSpan.FromSeconds(2), SamplePeriod);
        var decode = decodeWindow.End();
        clock.RunSampling(meter, TimeSpan.FromMilliseconds(100), SamplePeriod);
        var after = meter.MeasureIdle(TimeSpan.FromSeconds(2), CancellationToken.None);
        var baseline = new IdleBaseline(before, after);

        Assert.Equal(PowerPhase.Idle, before.Phase);
        Assert.Equal(120, before.Energy!.Value.Joules, 1e-9);
        Assert.Equal(EnergySource.MeasuredNvmlCounter, baseline.Source);
        Assert.Equal(60, baseline.Power!.Value.Watts, 1e-9);
        Assert.Equal(500, decode.Energy!.Value.Joules, 1e-9);
        Assert.Equal(500 - 60 * 2, decode.NetOf(baseline)!.Value.Joules, 1e-9);
    }

    [Fact]
    public void There_is_no_net_energy_against_an_idle_baseline_measured_another_way()
    {
        var clock = new FakeClock();
        using var meter = Meter(new ScriptedPowerSource(clock, PowerTrace.Constant(60)), clock);
        var window = meter.BeginWindow(PowerPhase.Decode);
        clock.RunSampling(meter, TimeSpan.FromSeconds(1), SamplePeriod);
        var decode = window.End();
        var estimatedIdle = decode with { Phase = PowerPhase.Idle, Source = EnergySource.EstimatedCpuTdp };

        Assert.Null(decode.NetOf(new IdleBaseline(estimatedIdle, null)));
    }

    [Fact]
    public void A_window_ends_once()
    {
        var clock = new FakeClock();
        using var meter = Meter(new ScriptedPowerSource(clock, PowerTrace.Constant(60)), clock);
        var window = meter.BeginWindow(PowerPhase.Decode);
        window.End();

        var error = Assert.Throws<InvalidOperationException>(() => window.End());
        Assert.Equal("this decode window has already ended", error.Message);
    }

    internal static PowerMeter Meter(IPowerSource? source, IMonotonicClock clock, PowerMeterOptions? options = null) => new(
        new PowerSourceSelection(source is null ? PowerSourceChoice.None : PowerSourceChoice.Nvml, source,
            source is null ? "no source in this test" : null, []),
        clock,
        options ?? new PowerMeterOptions { SamplePeriod = SamplePeriod });
}
