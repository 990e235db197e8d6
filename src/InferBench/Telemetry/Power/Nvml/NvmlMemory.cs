using System.Runtime.InteropServices;

namespace InferBench.Telemetry.Power.Nvml;

/// <summary>nvmlMemory_t (nvml.h): device memory in bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NvmlMemory
{
    public ulong Total;
    public ulong Free;
    public ulong Used;
}
