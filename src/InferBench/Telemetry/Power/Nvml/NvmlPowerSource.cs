using System.Runtime.InteropServices;

namespace InferBench.Telemetry.Power.Nvml;

/// <summary>
/// NVIDIA GPUs through NVML: the GPU a run uses (its CUDA device among those CUDA_VISIBLE_DEVICES shows), or every
/// visible GPU, summed, when no device is given; the others are named in a note, never counted. Energy comes from the total-energy
/// counter (Volta and newer); where a GPU lacks it, from power readings integrated over each window. Power is read
/// as NVML_FI_DEV_POWER_INSTANT, else nvmlDeviceGetPowerUsage, so counter windows can be cross-checked.
/// </summary>
internal sealed unsafe class NvmlPowerSource : IPowerSource
{
    private const int NameBufferBytes = 96;
    private const int DriverVersionBufferBytes = 80;
    private const int ClockSm = 1;
    private const int ClockMemory = 2;
    private const int TemperatureGpu = 0;
    private const ulong KnownReasons = 0x1FF;

    private readonly NvmlLibrary _nvml;
    private readonly IntPtr[] _handles;
    private readonly EnergyCounterTracker[]? _counters;
    private readonly PowerReadout _power;
    private readonly bool _readsReasons;
    private readonly string? _driverVersion;
    private ReadFailure? _energyFailure;
    private ReadFailure? _powerFailure;

    private NvmlPowerSource(NvmlLibrary nvml, PowerOptions options)
    {
        _nvml = nvml;
        _driverVersion = ReadString(null, nvml.SystemGetDriverVersion == null ? null : (buffer, size) => nvml.SystemGetDriverVersion(buffer, size), DriverVersionBufferBytes);
        var all = AllGpus();
        var visible = CudaVisibleDevices.Select(options.CudaVisibleDevices, options.CudaDeviceOrder, all.Select(g => g.Id!).ToArray());
        if (visible.NvmlIndices.Count == 0)
            throw new PowerSourceException(PowerErrorKind.Missing, string.Join("; ",
                [$"no GPU selected: CUDA_VISIBLE_DEVICES=\"{options.CudaVisibleDevices}\" shows none of the {all.Length} GPUs", .. visible.Notes]));
        var selection = options.CudaDeviceId is { } deviceId
            ? visible.Device(deviceId, options.CudaDeviceOrder) ?? throw new PowerSourceException(PowerErrorKind.Missing,
                $"the run's CUDA device {deviceId} (provider option device_id) is not among the {visible.NvmlIndices.Count} visible GPUs")
            : visible;
        Devices = selection.NvmlIndices.Select(i => all[i]).ToArray();
        _handles = selection.NvmlIndices.Select(Handle).ToArray();

        var counterProblems = Problems("nvmlDeviceGetTotalEnergyConsumption", h => ReadCounter(h, out _));
        var instantProblems = Problems(PowerFunction(PowerReadout.InstantField), h => ReadMilliwatts(h, PowerReadout.InstantField, out _));
        var usageProblems = Problems(PowerFunction(PowerReadout.PowerUsage), h => ReadMilliwatts(h, PowerReadout.PowerUsage, out _));
        _counters = counterProblems.Length == 0 ? _handles.Select(_ => new EnergyCounterTracker(null)).ToArray() : null;
        _power = instantProblems.Length == 0 ? PowerReadout.InstantField
            : usageProblems.Length == 0 ? PowerReadout.PowerUsage
            : PowerReadout.None;
        if (_counters is null && _power == PowerReadout.None)
            throw new PowerSourceException(PowerErrorKind.NotSupported,
                "no GPU energy counter and no power readings: " + string.Join("; ", counterProblems.Concat(usageProblems)));
        _readsReasons = Problems("clock event reasons", h => ReadReasonBits(h, out _)).Length == 0;

        var notes = new List<string>(selection.Notes);
        var unused = all.Where(g => !selection.NvmlIndices.Contains(g.Index)).ToArray();
        if (unused.Length > 0)
            notes.Add($"not measured, as this run does not use them: {string.Join(", ", unused.Select(g => $"GPU {g.Index} ({g.Name})"))}");
        if (_counters is null)
        {
            notes.Add("no energy counter, so energy is power integrated over each window (" + string.Join("; ", counterProblems) + ")");
            notes.Add("energy " + ScenarioEnergyCalculator.NvmlPartTimePowerNote);
        }
        if (_power == PowerReadout.PowerUsage)
            notes.Add("power is nvmlDeviceGetPowerUsage, a 1 s average on Ampere and newer (except GA100), so it lags changes");
        if (_power == PowerReadout.None)
            notes.Add("no power readings: peak power comes from the counter and windows are not cross-checked");
        if (!_readsReasons)
            notes.Add("NVML reports no clock event reasons here, so throttling is unknown");
        Notes = notes;
        var gpus = Devices.Count == 1 ? "1 GPU" : $"{Devices.Count} GPUs";
        Method = _counters is not null
            ? $"NVML total-energy counter (nvmlDeviceGetTotalEnergyConsumption, mJ), difference over each window, summed over {gpus}"
            : $"NVML power ({PowerFunction(_power)}, mW) " +
              $"integrated over each window, summed over {gpus}";
    }

    private enum PowerReadout
    {
        None,
        InstantField,
        PowerUsage,
    }

    /// <summary>The first failure of one kind of reading in the last <see cref="Read"/>, kept as codes so reading allocates nothing.</summary>
    private readonly record struct ReadFailure(string Function, int Code, int Device);

    public string Method { get; }

    public IReadOnlyList<string> Notes { get; }

    public EnergySource CounterSource => _counters is null ? EnergySource.Unavailable : EnergySource.MeasuredNvmlCounter;

    public EnergySource PowerSource => _power == PowerReadout.None ? EnergySource.Unavailable : EnergySource.MeasuredNvmlPower;

    public bool CounterRefreshesPeriodically => true;

    public IReadOnlyList<PowerDevice> Devices { get; }

    public string? LastReadProblem
    {
        get
        {
            var failures = new[] { _energyFailure, _powerFailure }.OfType<ReadFailure>()
                .Select(f => $"{f.Function} on {Describe(f.Device)} failed: {_nvml.Describe(f.Code)} (NVML return code {f.Code})")
                .ToArray();
            return failures.Length == 0 ? null : string.Join("; ", failures);
        }
    }

    public static NvmlPowerSource Open(PowerOptions options)
    {
        var nvml = NvmlLibrary.Load(options.NvmlLibraryPath);
        var initialised = false;
        try
        {
            var code = nvml.InitV2();
            if (code != NvmlErrors.Success)
                throw nvml.Failure("nvmlInit_v2", code);
            initialised = true;
            return new NvmlPowerSource(nvml, options);
        }
        catch
        {
            if (initialised)
                nvml.Shutdown();
            nvml.Dispose();
            throw;
        }
    }

    public PowerReading Read()
    {
        _energyFailure = null;
        _powerFailure = null;
        var energyRead = _counters is not null;
        var powerRead = _power != PowerReadout.None;
        var milliwatts = 0.0;
        var reasons = _readsReasons ? ThrottleReasons.None : (ThrottleReasons?)null;
        for (var i = 0; i < _handles.Length; i++)
        {
            if (_counters is not null)
            {
                var code = ReadCounter(_handles[i], out var millijoules);
                if (code == NvmlErrors.Success)
                    _counters[i].Update(millijoules);
                else
                {
                    _energyFailure ??= new ReadFailure("nvmlDeviceGetTotalEnergyConsumption", code, i);
                    energyRead = false;
                }
            }
            if (powerRead)
            {
                var code = ReadMilliwatts(_handles[i], _power, out var deviceMilliwatts);
                if (code == NvmlErrors.Success)
                    milliwatts += deviceMilliwatts;
                else
                {
                    _powerFailure = new ReadFailure(PowerFunction(_power), code, i);
                    powerRead = false;
                }
            }
            if (reasons is not null)
                reasons = ReadReasonBits(_handles[i], out var bits) == NvmlErrors.Success ? reasons | (ThrottleReasons)(bits & KnownReasons) : null;
        }
        return new PowerReading(
            energyRead ? Energy.FromMillijoules(CountedMillijoules()) : null,
            powerRead ? Power.FromMilliwatts(milliwatts) : null,
            reasons,
            CounterResets());
    }

    public IReadOnlyList<DeviceSnapshot> Snapshot() => Devices.Select((device, i) =>
    {
        var handle = _handles[i];
        var utilization = default(NvmlUtilization);
        var utilizationRead = _nvml.DeviceGetUtilizationRates != null && _nvml.DeviceGetUtilizationRates(handle, &utilization) == NvmlErrors.Success;
        var memory = default(NvmlMemory);
        var memoryRead = _nvml.DeviceGetMemoryInfo != null && _nvml.DeviceGetMemoryInfo(handle, &memory) == NvmlErrors.Success;
        return new DeviceSnapshot(
            device,
            _driverVersion,
            Query(_nvml.DeviceGetClockInfo, handle, ClockSm),
            Query(_nvml.DeviceGetClockInfo, handle, ClockMemory),
            Query(_nvml.DeviceGetEnforcedPowerLimit, handle) is { } limit ? Power.FromMilliwatts(limit) : null,
            Query(_nvml.DeviceGetTemperature, handle, TemperatureGpu),
            utilizationRead ? (int)utilization.Gpu : null,
            utilizationRead ? (int)utilization.Memory : null,
            memoryRead ? (long)memory.Used : null,
            memoryRead ? (long)memory.Total : null,
            ReadReasonBits(handle, out var bits) == NvmlErrors.Success ? (ThrottleReasons)(bits & KnownReasons) : null);
    }).ToArray();

    public void Dispose()
    {
        _nvml.Shutdown();
        _nvml.Dispose();
    }

    private PowerDevice[] AllGpus()
    {
        uint count;
        var code = _nvml.DeviceGetCountV2(&count);
        if (code != NvmlErrors.Success)
            throw _nvml.Failure("nvmlDeviceGetCount_v2", code);
        return Enumerable.Range(0, (int)count).Select(index =>
        {
            var handle = Handle(index);
            var subject = $"GPU {index}";
            var name = ReadString(subject, (buffer, size) => _nvml.DeviceGetName(handle, buffer, size), NameBufferBytes, "nvmlDeviceGetName");
            var uuid = ReadString(subject, (buffer, size) => _nvml.DeviceGetUuid(handle, buffer, size), NameBufferBytes, "nvmlDeviceGetUUID");
            return new PowerDevice(index, name!, uuid);
        }).ToArray();
    }

    private IntPtr Handle(int index)
    {
        IntPtr handle;
        var code = _nvml.DeviceGetHandleByIndexV2((uint)index, &handle);
        return code == NvmlErrors.Success ? handle : throw _nvml.Failure("nvmlDeviceGetHandleByIndex_v2", code, $"GPU {index}");
    }

    private delegate int StringQuery(byte* buffer, uint size);

    /// <summary>A string NVML writes into a buffer; a failure throws when <paramref name="function"/> names a required call, else reads as null.</summary>
    private string? ReadString(string? subject, StringQuery? query, int size, string? function = null)
    {
        if (query is null)
            return null;
        var buffer = stackalloc byte[size];
        var code = query(buffer, (uint)size);
        if (code == NvmlErrors.Success)
            return Marshal.PtrToStringUTF8((IntPtr)buffer);
        return function is null ? null : throw _nvml.Failure(function, code, subject);
    }

    private int ReadCounter(IntPtr device, out ulong millijoules)
    {
        ulong value = 0;
        var code = _nvml.DeviceGetTotalEnergyConsumption == null
            ? NvmlErrors.NotSupported
            : _nvml.DeviceGetTotalEnergyConsumption(device, &value);
        millijoules = value;
        return code;
    }

    private int ReadMilliwatts(IntPtr device, PowerReadout readout, out double milliwatts)
    {
        milliwatts = 0;
        if (readout == PowerReadout.InstantField)
        {
            if (_nvml.DeviceGetFieldValues == null)
                return NvmlErrors.NotSupported;
            var field = new NvmlFieldValue { FieldId = NvmlFieldValue.PowerInstantField };
            var code = _nvml.DeviceGetFieldValues(device, 1, &field);
            if (code != NvmlErrors.Success)
                return code;
            if (field.Return != NvmlErrors.Success || field.Value is not { } value)
                return field.Return != NvmlErrors.Success ? field.Return : NvmlErrors.NotSupported;
            milliwatts = value;
            return code;
        }
        if (_nvml.DeviceGetPowerUsage == null)
            return NvmlErrors.NotSupported;
        uint usage;
        var usageCode = _nvml.DeviceGetPowerUsage(device, &usage);
        milliwatts = usage;
        return usageCode;
    }

    private int ReadReasonBits(IntPtr device, out ulong reasons)
    {
        ulong bits = 0;
        var code = _nvml.DeviceGetClockEventReasons == null ? NvmlErrors.NotSupported : _nvml.DeviceGetClockEventReasons(device, &bits);
        reasons = bits;
        return code;
    }

    private static int? Query(delegate* unmanaged<IntPtr, uint*, int> query, IntPtr device)
    {
        uint value;
        return query != null && query(device, &value) == NvmlErrors.Success ? (int)value : null;
    }

    private static int? Query(delegate* unmanaged<IntPtr, int, uint*, int> query, IntPtr device, int kind)
    {
        uint value;
        return query != null && query(device, kind, &value) == NvmlErrors.Success ? (int)value : null;
    }

    /// <summary>What failed on each selected GPU; empty when <paramref name="read"/> works on all of them.</summary>
    private string[] Problems(string function, Func<IntPtr, int> read) => _handles
        .Select((handle, i) => (Code: read(handle), Device: i))
        .Where(r => r.Code != NvmlErrors.Success)
        .Select(r => $"{function} on {Describe(r.Device)}: {_nvml.Describe(r.Code)}")
        .ToArray();

    private static string PowerFunction(PowerReadout readout) => readout == PowerReadout.InstantField
        ? "nvmlDeviceGetFieldValues(NVML_FI_DEV_POWER_INSTANT)"
        : "nvmlDeviceGetPowerUsage";

    private ulong CountedMillijoules()
    {
        ulong total = 0;
        foreach (var counter in _counters!)
            total += counter.Total;
        return total;
    }

    private int CounterResets()
    {
        var resets = 0;
        if (_counters is not null)
            foreach (var counter in _counters)
                resets += counter.Resets;
        return resets;
    }

    private string Describe(int device) => $"GPU {Devices[device].Index} ({Devices[device].Name})";
}
