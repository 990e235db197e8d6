namespace InferBench.Telemetry.Power;

/// <summary>
/// Why a GPU runs below its top clocks: NVML's clock-event reason bits (nvml.h, nvmlClocksEventReason*). The values
/// are NVML's, so translating a reading is a mask over the bits known here.
/// </summary>
[Flags]
public enum ThrottleReasons : ulong
{
    None = 0,
    GpuIdle = 0x1,
    ApplicationClocks = 0x2,
    /// <summary>Held to the power limit; usual under full load, and it makes results depend on that limit.</summary>
    PowerCap = 0x4,
    HardwareSlowdown = 0x8,
    SyncBoost = 0x10,
    SoftwareThermal = 0x20,
    HardwareThermal = 0x40,
    PowerBrake = 0x80,
    DisplayClocks = 0x100,
}
