using InferBench.Results;
using InferBench.Telemetry.Power;
using InferBench.Tests.Support;

namespace InferBench.Tests.Telemetry;

/// <summary>The steady-state warmup against the fake NVML library, on a fake clock that each "generation" moves by 250 ms.</summary>
public sealed class SteadyStateWarmupTests
{
    private static readonly TimeSpan Generation = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    // Power rises 200 -> 400 W over 20 s, the temperature 40 -> 70 °C over 30 s; both flat after.
    private const string WarmingGpu = """
        device GPU-dddddddd Fake H100 80GB HBM3
        power 0 0 200
        power 0 20000 400
        temp 0 0 40
        temp 0 30000 70

        """;

    [SkippableFact]
    public void A_warming_gpu_is_held_in_warmup_until_power_and_temperature_stop_rising()
    {
        using var nvml = FakeNvml.Create(WarmingGpu);
        var (meter, clock) = Open(nvml);
        using var _ = meter;

        var record = SteadyStateWarmup.Run(meter, SteadyStatePlan.Default, Interval, () => Generate(meter, clock), CancellationToken.None);

        Assert.Equal(SteadyStateOutcome.Settled, record.Outcome);
        Assert.InRange(record.Seconds, 36, 42); // temperature flat from 30 s, then a window of 10 s with little of the ramp in it
        Assert.Equal((int)Math.Round(record.Seconds / Generation.TotalSeconds), record.Generations);
        Assert.Equal(400, record.LastWatts!.Value, 1e-6);
        Assert.Equal(70, record.LastTemperatureCelsius);
        Assert.InRange(Math.Abs(record.TemperatureSlopeCelsiusPerSecond!.Value), 0, 0.1);
        Assert.Null(record.Reason);
    }

    [SkippableFact]
    public void The_cap_ends_the_warmup_of_a_gpu_still_heating_and_says_so()
    {
        using var nvml = FakeNvml.Create(WarmingGpu);
        var (meter, clock) = Open(nvml);
        using var _ = meter;

        var record = SteadyStateWarmup.Run(meter, SteadyStatePlan.Default with { MaxSeconds = 15 }, Interval, () => Generate(meter, clock), CancellationToken.None);

        Assert.Equal(SteadyStateOutcome.TimeCap, record.Outcome);
        Assert.InRange(record.Seconds, 15, 16); // checked after each interval of 1 s
        Assert.InRange(record.PowerSlopePercentPerSecond!.Value, 0.5, 10);
        Assert.InRange(record.TemperatureSlopeCelsiusPerSecond!.Value, 0.9, 1.1);
    }

    [SkippableFact]
    public void Power_that_cannot_be_read_ends_the_warmup_as_unreadable_with_the_nvml_error()
    {
        using var nvml = FakeNvml.Create(WarmingGpu + "energy_ret 0 15 3000\npower_ret 0 15 3000\n");
        var (meter, clock) = Open(nvml);
        using var _ = meter;

        var record = SteadyStateWarmup.Run(meter, SteadyStatePlan.Default, Interval, () => Generate(meter, clock), CancellationToken.None);

        Assert.Equal(SteadyStateOutcome.Unreadable, record.Outcome);
        Assert.InRange(record.Seconds, 3, 4.5);
        Assert.StartsWith("board power over a warmup interval: ", record.Reason);
        Assert.Contains("fake-nvml: GPU is lost", record.Reason);
        Assert.Null(record.LastWatts);
    }

    [SkippableFact]
    public void Cancelling_ends_the_warmup_after_the_current_generation()
    {
        using var nvml = FakeNvml.Create(WarmingGpu);
        var (meter, clock) = Open(nvml);
        using var _ = meter;
        using var cancellation = new CancellationTokenSource();

        var record = SteadyStateWarmup.Run(meter, SteadyStatePlan.Default, Interval, () =>
        {
            Generate(meter, clock);
            if (clock.Now >= TimeSpan.FromSeconds(2.5))
                cancellation.Cancel();
        }, cancellation.Token);

        Assert.Equal((SteadyStateOutcome.Cancelled, 10), (record.Outcome, record.Generations));
    }

    private static void Generate(PowerMeter meter, FakeClock clock)
    {
        clock.Advance(Generation);
        meter.Sample();
    }

    private static (PowerMeter Meter, FakeClock Clock) Open(FakeNvml nvml)
    {
        var clock = new FakeClock();
        clock.Moved += nvml.SetTime;
        var meter = new PowerMeter(PowerSources.Open(PowerSourceChoice.Nvml, new PowerOptions { CpuModel = "test CPU", NvmlLibraryPath = nvml.LibraryPath }),
            clock, new PowerMeterOptions());
        Assert.True(meter.Selection.Source is not null, meter.Selection.UnavailableReason);
        return (meter, clock);
    }
}
