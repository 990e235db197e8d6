using InferBench.Telemetry.Power;
using InferBench.Tests.Support;

namespace InferBench.Tests.Telemetry;

public sealed class SamplingTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_background_sampler_reads_until_the_meter_is_disposed()
    {
        var source = new ScriptedPowerSource(new FakeClock(), PowerTrace.Constant(100));
        var meter = PowerMeterTests.Meter(source, new StopwatchClock(), new PowerMeterOptions { SamplePeriod = TimeSpan.FromMilliseconds(2) });

        meter.StartSampling();
        var secondStart = Record.Exception(meter.StartSampling);
        var sampled = SpinWait.SpinUntil(() => source.Reads >= 5, TimeSpan.FromSeconds(10));
        meter.Dispose();
        var readsAfterDispose = source.Reads;

        Assert.True(sampled, $"{source.Reads} reads");
        Assert.Equal("the sampler is already running", Assert.IsType<InvalidOperationException>(secondStart).Message);
        Assert.Equal(readsAfterDispose, source.Reads);
    }

    [SkippableFact]
    public void Taking_a_reading_allocates_nothing()
    {
        using var nvml = FakeNvml.Create("device GPU-aaaaaaaa Fake H100\ndevice GPU-bbbbbbbb Fake H100\npower 0 0 300\npower 1 0 300\nthrottle 0 0 4\n");
        foreach (var zone in new[] { "intel-rapl:0", "intel-rapl:1" })
        {
            Directory.CreateDirectory(_temp.Combine(zone));
            File.WriteAllText(_temp.Combine(zone, "name"), "package\n");
            File.WriteAllText(_temp.Combine(zone, "max_energy_range_uj"), "262143328850\n");
            File.WriteAllText(_temp.Combine(zone, "energy_uj"), "123456789\n");
        }
        var options = new PowerOptions
        {
            CpuModel = "AMD EPYC",
            NvmlLibraryPath = nvml.LibraryPath,
            PowercapRoot = _temp.Path,
        };

        foreach (var choice in new[] { PowerSourceChoice.Nvml, PowerSourceChoice.Rapl, PowerSourceChoice.Estimate })
        {
            using var meter = new PowerMeter(PowerSources.Open(choice, options), new StopwatchClock(), new PowerMeterOptions { SampleCapacity = 64 });
            Assert.True(meter.Selection.Source is not null, meter.Selection.UnavailableReason);
            for (var i = 0; i < 100; i++)
                meter.Sample();

            // The fewest bytes of several rounds: a reading that allocates does so in every round, while the runtime's
            // own one-off work (tiered JIT promoting a method mid-loop) shows in one round only.
            var allocated = Enumerable.Range(0, 5).Min(_ =>
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                for (var i = 0; i < 1000; i++)
                    meter.Sample();
                return GC.GetAllocatedBytesForCurrentThread() - before;
            });

            Assert.True(allocated == 0, $"{choice}: {allocated} bytes allocated by 1000 readings, in each of 5 rounds");
        }
    }
}
