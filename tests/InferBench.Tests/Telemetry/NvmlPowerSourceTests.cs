using InferBench.Telemetry.Power;
using InferBench.Tests.Support;

namespace InferBench.Tests.Telemetry;

public sealed class NvmlPowerSourceTests
{
    private static readonly TimeSpan SamplePeriod = TimeSpan.FromMilliseconds(100);

    private const string TwoGpus = """
        driver 550.54.15
        device GPU-aaaaaaaa-0000-0000-0000-000000000000 Fake A100-SXM4-80GB
        device GPU-bbbbbbbb-0000-0000-0000-000000000000 Fake H100 80GB HBM3
        power 0 0 100
        power 1 0 300

        """;

    [SkippableFact]
    public void Counter_energy_is_summed_over_the_gpus_and_cross_checked()
    {
        using var nvml = FakeNvml.Create(TwoGpus);
        var (meter, clock) = Open(nvml);
        using var _ = meter;

        var window = meter.BeginWindow(PowerPhase.Decode);
        clock.RunSampling(meter, TimeSpan.FromSeconds(2), SamplePeriod);
        var result = window.End();

        var source = meter.Selection.Source!;
        Assert.Equal(PowerSourceChoice.Nvml, meter.Selection.Opened);
        Assert.Equal(["Fake A100-SXM4-80GB", "Fake H100 80GB HBM3"], source.Devices.Select(d => d.Name));
        Assert.Equal("GPU-bbbbbbbb-0000-0000-0000-000000000000", source.Devices[1].Id);
        Assert.Equal("NVML total-energy counter (nvmlDeviceGetTotalEnergyConsumption, mJ), difference over each window, summed over 2 GPUs", source.Method);
        Assert.Equal(PowerWindowStatus.Ok, result.Status);
        Assert.Equal(EnergySource.MeasuredNvmlCounter, result.Source);
        Assert.Equal(800, result.Energy!.Value.Joules, 1e-3);
        Assert.Equal(400, result.PeakPower!.Value.Watts, 1e-9);
        Assert.False(result.CrossCheck!.Disagrees);
        Assert.Equal(800, result.CrossCheck.Integrated.Joules, 1e-6);
    }

    [SkippableFact]
    public void Without_an_energy_counter_integrated_power_is_within_a_tenth_of_a_percent()
    {
        // A smooth load curve on a 10 ms grid, read at irregular intervals around 100 ms.
        var points = Enumerable.Range(0, 2001)
            .Select(i => i / 100.0)
            .Select(t => (t, 250 + 120 * Math.Sin(2 * Math.PI * t / 7) + 40 * Math.Sin(2 * Math.PI * t / 2.3) + 3 * t))
            .ToArray();
        var trace = new PowerTrace(points);
        using var nvml = FakeNvml.Create("device GPU-cccccccc Fake V100\nenergy_ret 0 3\n" + trace.ToScript(0));
        var (meter, clock) = Open(nvml);
        using var _ = meter;
        clock.Advance(TimeSpan.FromMilliseconds(370));

        var window = meter.BeginWindow(PowerPhase.Decode);
        int[] stepsMilliseconds = [93, 107, 100, 88, 112, 101];
        for (var i = 0; clock.Now < TimeSpan.FromSeconds(19.8); i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(stepsMilliseconds[i % stepsMilliseconds.Length]));
            meter.Sample();
        }
        clock.Advance(TimeSpan.FromMilliseconds(43));
        var result = window.End();

        var exact = trace.Between(TimeSpan.FromMilliseconds(370), clock.Now).Joules;
        Assert.Equal(PowerWindowStatus.Ok, result.Status);
        Assert.Equal(EnergySource.MeasuredNvmlPower, result.Source);
        Assert.InRange(Math.Abs(result.Energy!.Value.Joules - exact) / exact, 0, 0.001);
        Assert.Null(result.CrossCheck);
        Assert.Contains("NVML_FI_DEV_POWER_INSTANT", meter.Selection.Source!.Method);
        Assert.Contains(meter.Selection.Source.Notes, n => n.StartsWith(
            "no energy counter, so energy is power integrated over each window (nvmlDeviceGetTotalEnergyConsumption on GPU 0 (Fake V100): fake-nvml: Not Supported)",
            StringComparison.Ordinal));
        Assert.Contains("energy " + ScenarioEnergyCalculator.NvmlPartTimePowerNote, meter.Selection.Source.Notes);
    }

    [SkippableFact]
    public void Without_the_instant_power_field_power_usage_is_read_and_its_averaging_noted()
    {
        using var nvml = FakeNvml.Create("device GPU-cccccccc Fake T4\nenergy_ret 0 3\nfield_ret 0 3\npower 0 0 70\n");
        var (meter, clock) = Open(nvml);
        using var _ = meter;

        var window = meter.BeginWindow(PowerPhase.Decode);
        clock.RunSampling(meter, TimeSpan.FromSeconds(1), SamplePeriod);
        var result = window.End();

        Assert.Equal(70, result.Energy!.Value.Joules, 1e-9);
        Assert.Equal("NVML power (nvmlDeviceGetPowerUsage, mW) integrated over each window, summed over 1 GPU", meter.Selection.Source!.Method);
        Assert.Contains("power is nvmlDeviceGetPowerUsage, a 1 s average on Ampere and newer (except GA100), so it lags changes", meter.Selection.Source.Notes);
    }

    [SkippableFact]
    public void A_driver_reload_inside_a_window_falls_back_to_integrated_power()
    {
        using var nvml = FakeNvml.Create("device GPU-cccccccc Fake A10\npower 0 0 250\nenergy_offset_mj 0 5000000\nreset_at_ms 0 1500\n");
        var (meter, clock) = Open(nvml);
        using var _ = meter;
        clock.RunSampling(meter, TimeSpan.FromSeconds(1), SamplePeriod);

        var window = meter.BeginWindow(PowerPhase.Decode);
        clock.RunSampling(meter, TimeSpan.FromSeconds(1), SamplePeriod);
        var result = window.End();
        var after = meter.BeginWindow(PowerPhase.Decode);
        clock.RunSampling(meter, TimeSpan.FromSeconds(1), SamplePeriod);
        var afterReset = after.End();

        Assert.Equal(PowerWindowStatus.Ok, result.Status);
        Assert.Equal(EnergySource.MeasuredNvmlPower, result.Source);
        Assert.Equal(250, result.Energy!.Value.Joules, 1e-9);
        Assert.Equal("the energy counter went backwards during the window (driver reloaded?)", result.Reason);
        Assert.Equal(EnergySource.MeasuredNvmlCounter, afterReset.Source);
        Assert.Equal(250, afterReset.Energy!.Value.Joules, 1e-3);
    }

    [SkippableTheory]
    [InlineData(9, PowerErrorKind.Missing, "fake-nvml: Driver Not Loaded")]
    [InlineData(4, PowerErrorKind.PermissionDenied, "fake-nvml: Insufficient Permissions")]
    [InlineData(999, PowerErrorKind.Failed, "fake-nvml: Unknown Error")]
    public void An_init_failure_is_unavailable_in_nvmls_own_words(int code, PowerErrorKind kind, string words)
    {
        using var nvml = FakeNvml.Create($"init {code}\ndevice GPU-cccccccc Fake A10\n");

        var selection = PowerSources.Open(PowerSourceChoice.Nvml, Options(nvml));

        Assert.Null(selection.Source);
        var tried = Assert.Single(selection.Tried);
        Assert.Equal(new UnavailableSource(PowerSourceChoice.Nvml, kind, $"nvmlInit_v2 failed: {words} (NVML return code {code})"), tried);
        Assert.Equal($"nvml: nvmlInit_v2 failed: {words} (NVML return code {code})", selection.UnavailableReason);
        Assert.Equal(0, nvml.InitCount);
    }

    [SkippableFact]
    public void A_device_count_failure_shuts_nvml_down_again()
    {
        using var nvml = FakeNvml.Create("count_ret 15\ndevice GPU-cccccccc Fake A10\n");

        var selection = PowerSources.Open(PowerSourceChoice.Nvml, Options(nvml));

        Assert.Equal("nvml: nvmlDeviceGetCount_v2 failed: fake-nvml: GPU is lost (NVML return code 15)", selection.UnavailableReason);
        Assert.Equal(PowerErrorKind.DeviceLost, selection.Tried[0].Error);
        Assert.Equal(0, nvml.InitCount);
    }

    [Fact]
    public void A_missing_library_is_unavailable_with_where_it_was_looked_for()
    {
        var options = new PowerOptions { CpuModel = "test CPU", NvmlLibraryPath = "/nowhere/libnvidia-ml.so.1" };

        var selection = PowerSources.Open(PowerSourceChoice.Nvml, options);

        Assert.Null(selection.Source);
        Assert.Equal(new UnavailableSource(PowerSourceChoice.Nvml, PowerErrorKind.Missing,
            "NVML library /nowhere/libnvidia-ml.so.1 (from INFERBENCH_NVML_LIBRARY) could not be loaded"), Assert.Single(selection.Tried));
    }

    [SkippableFact]
    public void Without_a_driver_the_reason_says_so()
    {
        Skip.If(System.Runtime.InteropServices.NativeLibrary.TryLoad(OperatingSystem.IsWindows() ? "nvml.dll" : "libnvidia-ml.so.1", out var handle)
                && Free(handle), "this machine has an NVIDIA driver");

        var selection = PowerSources.Open(PowerSourceChoice.Nvml, new PowerOptions { CpuModel = "test CPU" });

        Assert.Equal(PowerErrorKind.Missing, selection.Tried[0].Error);
        Assert.Contains("not found: no NVIDIA driver on this machine (set INFERBENCH_NVML_LIBRARY if it is installed elsewhere)", selection.UnavailableReason);
    }

    [SkippableTheory]
    [InlineData("2", new[] { 2 }, 400.0)]
    [InlineData("GPU-bbbb", new[] { 1 }, 200.0)]
    [InlineData("2,0", new[] { 2, 0 }, 500.0)]
    [InlineData("1,7,0", new[] { 1 }, 200.0)]
    public void Only_the_gpus_cuda_visible_devices_shows_are_measured(string visible, int[] indices, double joules)
    {
        using var nvml = FakeNvml.Create("""
            device GPU-aaaaaaaa-0000 Fake L4
            device GPU-bbbbbbbb-0000 Fake L4
            device GPU-cccccccc-0000 Fake L4
            power 0 0 100
            power 1 0 200
            power 2 0 400

            """);
        var (meter, clock) = Open(nvml, visible, "PCI_BUS_ID");
        using var _ = meter;

        var window = meter.BeginWindow(PowerPhase.Decode);
        clock.RunSampling(meter, TimeSpan.FromSeconds(1), SamplePeriod);
        var result = window.End();

        Assert.Equal(indices, meter.Selection.Source!.Devices.Select(d => d.Index));
        Assert.Equal(joules, result.Energy!.Value.Joules, 1e-3);
    }

    [SkippableTheory]
    [InlineData(null, 0, 0, 200.0, "GPU 1 (Fake H100 80GB HBM3)")]
    [InlineData(null, 1, 1, 600.0, "GPU 0 (Fake A100-SXM4-80GB)")]
    [InlineData("GPU-bbbbbbbb", 0, 1, 600.0, "GPU 0 (Fake A100-SXM4-80GB)")]
    public void A_run_measures_only_its_cuda_device_and_names_the_other_gpus_as_not_measured(
        string? visible, int deviceId, int measuredIndex, double joules, string unused)
    {
        using var nvml = FakeNvml.Create(TwoGpus);
        var (meter, clock) = Open(nvml, visible, "PCI_BUS_ID", deviceId);
        using var _ = meter;

        var window = meter.BeginWindow(PowerPhase.Generation);
        clock.RunSampling(meter, TimeSpan.FromSeconds(2), SamplePeriod);
        var result = window.End();

        var source = meter.Selection.Source!;
        Assert.Equal([measuredIndex], source.Devices.Select(d => d.Index));
        Assert.EndsWith("summed over 1 GPU", source.Method);
        Assert.Equal(joules, result.Energy!.Value.Joules, 1e-3);
        Assert.Contains($"not measured, as this run does not use them: {unused}", source.Notes);
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_cuda_device_numbered_in_cudas_own_order_is_noted(int deviceId)
    {
        using var nvml = FakeNvml.Create(TwoGpus);
        var (meter, _) = Open(nvml, deviceId: deviceId);
        using var __ = meter;

        Assert.Contains(meter.Selection.Source!.Notes,
            n => n.StartsWith($"CUDA device {deviceId} is read as visible GPU {deviceId} in NVML's PCI bus order", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void A_cuda_device_beyond_the_visible_gpus_leaves_nvml_unavailable()
    {
        using var nvml = FakeNvml.Create(TwoGpus);

        var selection = PowerSources.Open(PowerSourceChoice.Nvml, Options(nvml, visible: "1") with { CudaDeviceId = 1 });

        Assert.Null(selection.Source);
        Assert.Equal("nvml: the run's CUDA device 1 (provider option device_id) is not among the 1 visible GPUs", selection.UnavailableReason);
        Assert.Equal(0, nvml.InitCount);
    }

    [SkippableFact]
    public void Cuda_visible_devices_that_hides_every_gpu_leaves_nvml_unavailable()
    {
        using var nvml = FakeNvml.Create("device GPU-aaaaaaaa Fake L4\n");

        var selection = PowerSources.Open(PowerSourceChoice.Nvml, Options(nvml, visible: ""));

        Assert.Equal(PowerErrorKind.Missing, selection.Tried[0].Error);
        Assert.StartsWith("no GPU selected: CUDA_VISIBLE_DEVICES=\"\" shows none of the 1 GPUs", selection.Tried[0].Reason);
        Assert.Equal(0, nvml.InitCount);
    }

    [SkippableFact]
    public void A_read_failure_is_reported_with_nvmls_error_string()
    {
        using var nvml = FakeNvml.Create("device GPU-cccccccc Fake A10\npower 0 0 250\nenergy_ret 0 15 1500\npower_ret 0 15 1500\n");
        var (meter, clock) = Open(nvml);
        using var _ = meter;
        clock.RunSampling(meter, TimeSpan.FromSeconds(1), SamplePeriod);

        var window = meter.BeginWindow(PowerPhase.Decode);
        clock.RunSampling(meter, TimeSpan.FromSeconds(1), SamplePeriod);
        var result = window.End();

        Assert.Equal(PowerWindowStatus.Unavailable, result.Status);
        Assert.Null(result.Energy);
        Assert.Equal("the energy counter could not be read at the window's end; power could not be read at the window's edges: " +
            "nvmlDeviceGetTotalEnergyConsumption on GPU 0 (Fake A10) failed: fake-nvml: GPU is lost (NVML return code 15); " +
            "nvmlDeviceGetFieldValues(NVML_FI_DEV_POWER_INSTANT) on GPU 0 (Fake A10) failed: fake-nvml: GPU is lost (NVML return code 15)",
            result.Reason);
    }

    [SkippableFact]
    public void Neither_counter_nor_power_leaves_nvml_unavailable_saying_both()
    {
        using var nvml = FakeNvml.Create("device GPU-cccccccc Fake K80\nenergy_ret 0 3\nfield_ret 0 3\npower_ret 0 3\n");

        var selection = PowerSources.Open(PowerSourceChoice.Nvml, Options(nvml));

        Assert.Equal(new UnavailableSource(PowerSourceChoice.Nvml, PowerErrorKind.NotSupported,
            "no GPU energy counter and no power readings: nvmlDeviceGetTotalEnergyConsumption on GPU 0 (Fake K80): fake-nvml: Not Supported; " +
            "nvmlDeviceGetPowerUsage on GPU 0 (Fake K80): fake-nvml: Not Supported"), selection.Tried[0]);
        Assert.Equal(0, nvml.InitCount);
    }

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public void Snapshots_record_clocks_limit_temperature_and_throttle_reasons(bool driverHasEventReasons)
    {
        using var nvml = FakeNvml.Create(
            "driver 550.54.15\ndevice GPU-cccccccc Fake H100\npower 0 0 690\nlimit_mw 0 700000\ntemp_c 0 83\nthrottle 0 0 1\nthrottle 0 500 36\n",
            driverHasEventReasons);
        var (meter, clock) = Open(nvml);
        using var _ = meter;

        var window = meter.BeginWindow(PowerPhase.Decode);
        clock.RunSampling(meter, TimeSpan.FromSeconds(1), SamplePeriod);
        var result = window.End();
        var snapshot = Assert.Single(meter.Snapshot());

        Assert.Equal(new DeviceSnapshot(new PowerDevice(0, "Fake H100", "GPU-cccccccc"), "550.54.15", 1980, 2619, new Power(700), 83,
            97, 40, 1L << 30, 80L << 30, ThrottleReasons.PowerCap | ThrottleReasons.SoftwareThermal), snapshot);
        Assert.True(result.Throttled);
        Assert.Equal(ThrottleReasons.GpuIdle | ThrottleReasons.PowerCap | ThrottleReasons.SoftwareThermal, result.ThrottleReasons);
    }

    [SkippableFact]
    public void A_window_shorter_than_a_few_counter_updates_is_refused_never_read_as_zero()
    {
        using var nvml = FakeNvml.Create("device GPU-cccccccc Fake H100\nenergy_period_ms 0 100\npower 0 0 500\n");
        var (meter, clock) = Open(nvml);
        using var _ = meter;
        clock.RunSampling(meter, TimeSpan.FromSeconds(1), SamplePeriod); // the meter learns the counter's 100 ms period

        var window = meter.BeginWindow(PowerPhase.Decode);
        clock.RunSampling(meter, TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(50));
        var result = window.End();

        Assert.Equal(PowerWindowStatus.TooShort, result.Status);
        Assert.Null(result.Energy);
        Assert.Null(result.AveragePower);
    }

    [SkippableFact]
    public void Disposing_the_meter_shuts_nvml_down()
    {
        using var nvml = FakeNvml.Create(TwoGpus);
        var (meter, _) = Open(nvml);
        Assert.Equal(1, nvml.InitCount);

        meter.Dispose();

        Assert.Equal(0, nvml.InitCount);
    }

    private static (PowerMeter Meter, FakeClock Clock) Open(FakeNvml nvml, string? visible = null, string? order = null, int? deviceId = null)
    {
        var clock = new FakeClock();
        clock.Moved += nvml.SetTime;
        var meter = new PowerMeter(PowerSources.Open(PowerSourceChoice.Nvml, Options(nvml, visible, order) with { CudaDeviceId = deviceId }), clock,
            new PowerMeterOptions { SamplePeriod = SamplePeriod });
        Assert.True(meter.Selection.Source is not null, meter.Selection.UnavailableReason);
        return (meter, clock);
    }

    private static PowerOptions Options(FakeNvml nvml, string? visible = null, string? order = null) => new()
    {
        CpuModel = "test CPU",
        NvmlLibraryPath = nvml.LibraryPath,
        CudaVisibleDevices = visible,
        CudaDeviceOrder = order,
    };

    private static bool Free(IntPtr handle)
    {
        System.Runtime.InteropServices.NativeLibrary.Free(handle);
        return true;
    }
}
