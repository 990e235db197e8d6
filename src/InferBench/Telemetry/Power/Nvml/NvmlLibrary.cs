using System.Runtime.InteropServices;

namespace InferBench.Telemetry.Power.Nvml;

/// <summary>
/// NVML's entry points, resolved at run time from the driver's library so nothing NVIDIA is needed to build or to
/// run without a GPU. Optional entry points are null where the driver predates them.
/// </summary>
internal sealed unsafe class NvmlLibrary : IDisposable
{
    private readonly IntPtr _handle;

    public readonly delegate* unmanaged<int> InitV2;
    public readonly delegate* unmanaged<int> Shutdown;
    public readonly delegate* unmanaged<int, IntPtr> ErrorString;
    public readonly delegate* unmanaged<byte*, uint, int> SystemGetDriverVersion;
    public readonly delegate* unmanaged<uint*, int> DeviceGetCountV2;
    public readonly delegate* unmanaged<uint, IntPtr*, int> DeviceGetHandleByIndexV2;
    public readonly delegate* unmanaged<IntPtr, byte*, uint, int> DeviceGetName;
    public readonly delegate* unmanaged<IntPtr, byte*, uint, int> DeviceGetUuid;
    public readonly delegate* unmanaged<IntPtr, ulong*, int> DeviceGetTotalEnergyConsumption;
    public readonly delegate* unmanaged<IntPtr, uint*, int> DeviceGetPowerUsage;
    public readonly delegate* unmanaged<IntPtr, int, NvmlFieldValue*, int> DeviceGetFieldValues;
    public readonly delegate* unmanaged<IntPtr, uint*, int> DeviceGetEnforcedPowerLimit;
    public readonly delegate* unmanaged<IntPtr, int, uint*, int> DeviceGetClockInfo;
    public readonly delegate* unmanaged<IntPtr, int, uint*, int> DeviceGetTemperature;
    public readonly delegate* unmanaged<IntPtr, NvmlUtilization*, int> DeviceGetUtilizationRates;
    public readonly delegate* unmanaged<IntPtr, NvmlMemory*, int> DeviceGetMemoryInfo;
    /// <summary>nvmlDeviceGetCurrentClocksEventReasons, or on drivers before it nvmlDeviceGetCurrentClocksThrottleReasons.</summary>
    public readonly delegate* unmanaged<IntPtr, ulong*, int> DeviceGetClockEventReasons;

    private NvmlLibrary(IntPtr handle)
    {
        _handle = handle;
        InitV2 = (delegate* unmanaged<int>)Required("nvmlInit_v2");
        Shutdown = (delegate* unmanaged<int>)Required("nvmlShutdown");
        ErrorString = (delegate* unmanaged<int, IntPtr>)Required("nvmlErrorString");
        SystemGetDriverVersion = (delegate* unmanaged<byte*, uint, int>)Optional("nvmlSystemGetDriverVersion");
        DeviceGetCountV2 = (delegate* unmanaged<uint*, int>)Required("nvmlDeviceGetCount_v2");
        DeviceGetHandleByIndexV2 = (delegate* unmanaged<uint, IntPtr*, int>)Required("nvmlDeviceGetHandleByIndex_v2");
        DeviceGetName = (delegate* unmanaged<IntPtr, byte*, uint, int>)Required("nvmlDeviceGetName");
        DeviceGetUuid = (delegate* unmanaged<IntPtr, byte*, uint, int>)Required("nvmlDeviceGetUUID");
        DeviceGetTotalEnergyConsumption = (delegate* unmanaged<IntPtr, ulong*, int>)Optional("nvmlDeviceGetTotalEnergyConsumption");
        DeviceGetPowerUsage = (delegate* unmanaged<IntPtr, uint*, int>)Optional("nvmlDeviceGetPowerUsage");
        DeviceGetFieldValues = (delegate* unmanaged<IntPtr, int, NvmlFieldValue*, int>)Optional("nvmlDeviceGetFieldValues");
        DeviceGetEnforcedPowerLimit = (delegate* unmanaged<IntPtr, uint*, int>)Optional("nvmlDeviceGetEnforcedPowerLimit");
        DeviceGetClockInfo = (delegate* unmanaged<IntPtr, int, uint*, int>)Optional("nvmlDeviceGetClockInfo");
        DeviceGetTemperature = (delegate* unmanaged<IntPtr, int, uint*, int>)Optional("nvmlDeviceGetTemperature");
        DeviceGetUtilizationRates = (delegate* unmanaged<IntPtr, NvmlUtilization*, int>)Optional("nvmlDeviceGetUtilizationRates");
        DeviceGetMemoryInfo = (delegate* unmanaged<IntPtr, NvmlMemory*, int>)Optional("nvmlDeviceGetMemoryInfo");
        var eventReasons = Optional("nvmlDeviceGetCurrentClocksEventReasons");
        DeviceGetClockEventReasons = (delegate* unmanaged<IntPtr, ulong*, int>)(eventReasons != IntPtr.Zero
            ? eventReasons
            : Optional("nvmlDeviceGetCurrentClocksThrottleReasons"));
    }

    /// <summary>Loads NVML from <paramref name="overridePath"/>, else from where the driver installs it.</summary>
    public static NvmlLibrary Load(string? overridePath)
    {
        if (overridePath is not null)
        {
            if (!NativeLibrary.TryLoad(overridePath, out var overridden))
                throw new PowerSourceException(PowerErrorKind.Missing,
                    $"NVML library {overridePath} (from {PowerOptions.NvmlLibraryVariable}) could not be loaded");
            return Bind(overridden);
        }
        foreach (var candidate in DefaultLocations())
            if (NativeLibrary.TryLoad(candidate, out var handle))
                return Bind(handle);
        throw new PowerSourceException(PowerErrorKind.Missing,
            $"NVML library {DefaultLocations()[0]} not found: no NVIDIA driver on this machine " +
            $"(set {PowerOptions.NvmlLibraryVariable} if it is installed elsewhere)");
    }

    public string Describe(int code) => Marshal.PtrToStringUTF8(ErrorString(code)) ?? "unknown error";

    /// <summary>A failure of <paramref name="function"/>, in NVML's words, as the small error set.</summary>
    public PowerSourceException Failure(string function, int code, string? subject = null) => new(
        NvmlErrors.Translate(code),
        $"{function}{(subject is null ? "" : $" on {subject}")} failed: {Describe(code)} (NVML return code {code})");

    public void Dispose() => NativeLibrary.Free(_handle);

    private static string[] DefaultLocations() => OperatingSystem.IsWindows()
        ?
        [
            Path.Combine(Environment.SystemDirectory, "nvml.dll"),
            Path.Combine(Environment.GetEnvironmentVariable("ProgramW6432") ?? @"C:\Program Files", "NVIDIA Corporation", "NVSMI", "nvml.dll"),
        ]
        : ["libnvidia-ml.so.1"];

    private static NvmlLibrary Bind(IntPtr handle)
    {
        try
        {
            return new NvmlLibrary(handle);
        }
        catch
        {
            NativeLibrary.Free(handle);
            throw;
        }
    }

    private IntPtr Required(string name) => NativeLibrary.TryGetExport(_handle, name, out var address)
        ? address
        : throw new PowerSourceException(PowerErrorKind.NotSupported, $"the NVML library has no {name}: the NVIDIA driver is too old");

    private IntPtr Optional(string name) => NativeLibrary.TryGetExport(_handle, name, out var address) ? address : IntPtr.Zero;
}
