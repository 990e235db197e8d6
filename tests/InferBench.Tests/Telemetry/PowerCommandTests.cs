using InferBench.Cli;
using InferBench.Reports;
using InferBench.Telemetry.Power;
using InferBench.Tests.Support;

namespace InferBench.Tests.Telemetry;

/// <summary>The probe reads the NVML path and GPU selection from the environment; these tests set it, one at a time.</summary>
public sealed class PowerCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string? _nvmlLibrary = Environment.GetEnvironmentVariable(PowerOptions.NvmlLibraryVariable);
    private readonly string? _visibleDevices = Environment.GetEnvironmentVariable("CUDA_VISIBLE_DEVICES");

    public PowerCommandTests() => Environment.SetEnvironmentVariable("CUDA_VISIBLE_DEVICES", null);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(PowerOptions.NvmlLibraryVariable, _nvmlLibrary);
        Environment.SetEnvironmentVariable("CUDA_VISIBLE_DEVICES", _visibleDevices);
        _temp.Dispose();
    }

    [Fact]
    public void The_estimate_is_shown_as_an_estimate()
    {
        var run = CliRun.Invoke("power", "probe", "--seconds", "0.3", "--power", "estimate", "--cpu-tdp-watts", "100", "--cpu-threads", "4000");

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        Assert.Contains("estimate: available, labelled estimated-cpu-tdp", run.Out);
        Assert.Contains("method: ESTIMATE, not a measurement: this process's CPU time x 0.025 W per hardware thread (100 W TDP / 4000 hardware threads of the chip: given", run.Out);
        Assert.Matches(@"over 0\.3\d* s: [0-9.e-]+ J, average [0-9.e-]+ W.* \(estimated-cpu-tdp, ok\)", run.Out);
        Assert.EndsWith("--power estimate works: no measured source here, so energy figures are ESTIMATES, labelled estimated-cpu-tdp.", run.Out.Trim());
    }

    [Fact]
    public async Task A_signal_stops_the_probe_which_shows_what_it_read_over_the_seconds_it_lasted_and_exits_130()
    {
        using var signal = new CancellationTokenSource();
        var probing = BackgroundCli.Start(signal.Token, "power", "probe", "--seconds", "600", "--power", "estimate", "--cpu-tdp-watts", "100", "--cpu-threads", "4000");
        // Signalled once the sources are being read, however long the machine took to get there.
        await probing.WaitForErrorAsync("Reading each source for 600 s (a signal stops the probe early).");
        signal.Cancel();

        var run = await probing.Run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ExitCodes.Cancelled, run.ExitCode);
        Assert.Contains("Stopping the probe; what was read so far is shown (signal again to abort).", run.Error);
        // The seconds read can be tiny when the signal follows the start at once: "2.41e-5 s" is a number too.
        Assert.Matches(@"each read for \d+(\.\d+)?(e-\d+)? s \(stopped early; --seconds asked for 600\):", run.Out);
        Assert.Contains("estimate: available, labelled estimated-cpu-tdp", run.Out);
    }

    [SkippableFact]
    public void A_gpu_is_listed_with_its_state_and_measured_energy()
    {
        using var nvml = FakeNvml.Create("device GPU-abcd1234 Fake H100 80GB HBM3\npower 0 0 300\ntemp_c 0 35\nthrottle 0 0 1\n", realTime: true);
        Environment.SetEnvironmentVariable(PowerOptions.NvmlLibraryVariable, nvml.LibraryPath);

        var run = CliRun.Invoke("power", "probe", "--seconds", "0.5", "--power", "nvml");

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        Assert.Contains("nvml: available, labelled measured-nvml-counter (cross-checked with measured-nvml-power)", run.Out);
        Assert.Contains("method: NVML total-energy counter (nvmlDeviceGetTotalEnergyConsumption, mJ), difference over each window, summed over 1 GPU", run.Out);
        Assert.Contains("device 0: Fake H100 80GB HBM3 (GPU-abcd1234): driver 999.99-fake, SM 1980 MHz, memory 2619 MHz, power limit 700 W, " +
                        "35 °C, busy 97 % (memory 40 %), 1.00 of 80.0 GiB used, clock reasons: GpuIdle", run.Out);
        Assert.Matches(@"over 0\.5\d* s: \d+ J, average 300 W, peak 300 W \(measured-nvml-counter, ok\); energy counter seen to change every", run.Out);
        Assert.Contains("throttled: no (clock reasons seen: GpuIdle)", run.Out);
        Assert.EndsWith("--power nvml works: energy figures are measured, labelled measured-nvml-counter.", run.Out.Trim());
    }

    [Fact]
    public void Auto_says_why_each_source_is_unavailable_and_which_one_it_uses()
    {
        var missing = _temp.Combine("libnvidia-ml.so.1");
        Environment.SetEnvironmentVariable(PowerOptions.NvmlLibraryVariable, missing);

        var run = CliRun.Invoke("power", "probe", "--seconds", "0.2");

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        Assert.Contains($"nvml: unavailable (missing): NVML library {missing} (from INFERBENCH_NVML_LIBRARY) could not be loaded", run.Out);
        Assert.Matches(@"\nrapl: (available|unavailable \([a-z-]+\): .+)\n", run.Out);
        Assert.Contains("\nestimate: available, labelled estimated-cpu-tdp\n", run.Out);
        Assert.Matches(@"--power auto uses (rapl|estimate): ", run.Out);
    }

    [Fact]
    public void None_probes_nothing()
    {
        var run = CliRun.Invoke("power", "probe", "--power", "none");

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        Assert.Equal("Power measurement is turned off (--power none): nothing to probe.", run.Out.Trim());
    }

    private CliRun RunWithoutModels(params string[] options)
    {
        var manifest = _temp.Combine("models.manifest.json");
        File.WriteAllText(manifest, """
            { "schemaVersion": 1, "models": [ { "id": "m", "description": "d", "variants": [
              { "id": "v", "precision": "int4", "executionProviders": ["cpu", "cuda"], "source": { "path": "not-here" } } ] } ] }
            """);
        return CliRun.Invoke(["run", "--manifest", manifest, "--prompt-tokens", "8", "--gen-tokens", "4", "--batch", "1",
            "--idle-seconds", "0", "--fidelity", "false", "--out", _temp.Combine("results"), "--json", .. options]);
    }

    [Fact]
    public void A_run_whose_power_source_cannot_be_opened_warns_on_stderr()
    {
        Environment.SetEnvironmentVariable(PowerOptions.NvmlLibraryVariable, _temp.Combine("libnvidia-ml.so.1"));

        var run = RunWithoutModels("--power", "nvml");

        Assert.Equal(ExitCodes.NothingMeasured, run.ExitCode); // the manifest's only variant is not here
        Assert.Contains("inferbench: warning: no power source could be opened (--power nvml), ", run.Error);
        Assert.Contains("so this run's energy figures are unavailable: nvml: ", run.Error);
        var result = RunFolder.Read(Path.GetDirectoryName(run.Out.Trim())!);
        Assert.Equal("unavailable", result.Power!.Source);
    }

    [Theory]
    [InlineData("rapl")]
    [InlineData("estimate")]
    public void A_gpu_run_is_not_measured_with_a_cpu_only_source(string power)
    {
        var run = RunWithoutModels("--ep", "cuda", "--power", power);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"--power {power}: measures only the CPU, but a cuda run's energy is its GPU's: use nvml (or auto), or none", run.Error);
        run.AssertNoStackTrace();
    }

    [Fact]
    public void A_cpu_run_is_not_measured_with_a_gpu_only_source()
    {
        var run = RunWithoutModels("--ep", "cpu", "--power", "nvml");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--power nvml: measures only NVIDIA GPUs, but a cpu run's energy is the CPU's: use rapl, estimate (or auto), or none", run.Error);
        run.AssertNoStackTrace();
    }

    [Theory]
    [InlineData("--seconds: expected a number above 0 and at most 3600, got \"0\"", "--seconds", "0")]
    [InlineData("--cpu-tdp-watts: expected a number above 0 and at most 5000, got \"-5\"", "--cpu-tdp-watts", "-5")]
    [InlineData("--cpu-tdp-watts: applies to --power estimate or auto, not rapl", "--cpu-tdp-watts", "100", "--power", "rapl")]
    [InlineData("--cpu-threads: expected a whole number from 1 to 4096, got 0", "--cpu-threads", "0")]
    [InlineData("--cpu-threads: applies to --power estimate or auto, not rapl", "--cpu-threads", "64", "--power", "rapl")]
    [InlineData("gpu", "--power", "gpu")]
    public void Bad_options_exit_2_with_a_message(string expected, params string[] options)
    {
        var run = CliRun.Invoke(["power", "probe", .. options]);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(expected, run.Error);
        run.AssertNoStackTrace();
    }

    /// <summary>On a 2-vCPU VM, --cpu-threads 1 would charge each busy thread the whole chip's TDP.</summary>
    [SkippableFact]
    public void Cpu_threads_below_this_machines_logical_cores_exit_2_saying_why()
    {
        Skip.If(Environment.ProcessorCount < 2, "a machine with one logical core accepts every thread count from 1");

        var run = CliRun.Invoke("power", "probe", "--seconds", "0.1", "--power", "estimate", "--cpu-tdp-watts", "85", "--cpu-threads", "1");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.StartsWith($"inferbench: --cpu-threads: 1 hardware threads is fewer than the {Environment.ProcessorCount} logical cores this machine shows; " +
                          "the chip has at least as many", run.Error);
        Assert.Empty(run.Out);
    }
}
