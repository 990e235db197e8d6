using BenchmarkDotNet.Attributes;
using InferBench.Telemetry.Power;

namespace InferBench.Benchmarks;

/// <summary>
/// The cost of one power reading, which the background sampler takes every 100 ms: at that rate a reading of
/// C microseconds costs C / 1000 % of one core. Measured on the CPU estimate source (the one this machine has);
/// NVML's cost is the driver's and needs a GPU host.
/// </summary>
[MemoryDiagnoser]
public class PowerSamplerBenchmarks
{
    private PowerMeter _meter = null!;

    [GlobalSetup]
    public void Setup()
    {
        var source = new PowerOptions { CpuModel = "benchmark", Cpu = new CpuRating(new Power(100), Environment.ProcessorCount) };
        var selection = PowerSources.Open(PowerSourceChoice.Estimate, source);
        _meter = new PowerMeter(selection, new StopwatchClock(), new PowerMeterOptions());
    }

    [Benchmark]
    public void OneReading() => _meter.Sample();

    [GlobalCleanup]
    public void Cleanup() => _meter.Dispose();
}
