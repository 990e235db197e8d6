using InferBench.Results;
using InferBench.Telemetry.Power;
using InferBench.Tests.Support;

namespace InferBench.Tests.Telemetry;

public sealed class PowerSourcesTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Auto_falls_back_to_the_estimate_keeping_why_each_measured_source_is_unavailable()
    {
        using var selection = new DisposableSelection(PowerSources.Open(PowerSourceChoice.Auto, Options()));

        Assert.Equal(PowerSourceChoice.Estimate, selection.Value.Opened);
        Assert.Equal(EnergySource.EstimatedCpuTdp, selection.Value.Source!.CounterSource);
        Assert.Null(selection.Value.UnavailableReason);
        Assert.Equal([PowerSourceChoice.Nvml, PowerSourceChoice.Rapl], selection.Value.Tried.Select(t => t.Source));
        Assert.All(selection.Value.Tried, t => Assert.Equal(PowerErrorKind.Missing, t.Error));
    }

    [SkippableFact]
    public void Auto_takes_nvml_first_when_it_is_there()
    {
        using var nvml = FakeNvml.Create("device GPU-aaaaaaaa Fake L4\npower 0 0 70\n");

        using var selection = new DisposableSelection(PowerSources.Open(PowerSourceChoice.Auto, Options() with { NvmlLibraryPath = nvml.LibraryPath }));

        Assert.Equal(PowerSourceChoice.Nvml, selection.Value.Opened);
        Assert.Empty(selection.Value.Tried);
    }

    [Fact]
    public void A_gpu_runs_auto_measures_only_the_gpu_and_a_cpu_runs_only_the_cpu()
    {
        Assert.Equal([PowerSourceChoice.Nvml], PowerSources.AutoOrderFor(ExecutionProvider.Cuda));
        Assert.Equal([PowerSourceChoice.Rapl, PowerSourceChoice.Estimate], PowerSources.AutoOrderFor(ExecutionProvider.Cpu));
        Assert.Equal([PowerSourceChoice.Nvml, PowerSourceChoice.Rapl, PowerSourceChoice.Estimate], PowerSources.AutoOrderFor(ExecutionProvider.Auto));
    }

    [Fact]
    public void A_gpu_run_without_nvml_has_no_energy_rather_than_the_cpus()
    {
        var selection = PowerSources.Open(PowerSourceChoice.Auto, Options(), PowerSources.AutoOrderFor(ExecutionProvider.Cuda));

        Assert.Null(selection.Source);
        Assert.StartsWith("nvml: ", selection.UnavailableReason);
        Assert.Equal([PowerSourceChoice.Nvml], selection.Tried.Select(t => t.Source));
    }

    [Fact]
    public void None_measures_nothing_and_says_so()
    {
        var selection = PowerSources.Open(PowerSourceChoice.None, Options());

        Assert.Equal(PowerSourceChoice.None, selection.Opened);
        Assert.Null(selection.Source);
        Assert.Equal("power measurement turned off", selection.UnavailableReason);
        Assert.Empty(selection.Tried);
    }

    [Fact]
    public void Labels_are_the_exact_strings_written_to_files()
    {
        Assert.Equal(
            ["unavailable", "measured-nvml-counter", "measured-nvml-power", "measured-rapl", "estimated-cpu-tdp"],
            Enum.GetValues<EnergySource>().Select(JsonEnumName.Of));
        Assert.Equal(["ok", "too-short", "unavailable"], Enum.GetValues<PowerWindowStatus>().Select(JsonEnumName.Of));
        Assert.Equal(["load", "warmup", "prefill", "decode", "generation", "idle"], Enum.GetValues<PowerPhase>().Select(JsonEnumName.Of));
        Assert.Equal("\"measured-nvml-counter\"", System.Text.Json.JsonSerializer.Serialize(EnergySource.MeasuredNvmlCounter));
    }

    private PowerOptions Options() => new()
    {
        CpuModel = "AMD EPYC",
        NvmlLibraryPath = _temp.Combine("libnvidia-ml.so.1"),
        PowercapRoot = _temp.Combine("powercap"),
        ProcessCpuTime = () => TimeSpan.Zero,
    };

    private sealed record DisposableSelection(PowerSourceSelection Value) : IDisposable
    {
        public void Dispose() => Value.Source?.Dispose();
    }
}
