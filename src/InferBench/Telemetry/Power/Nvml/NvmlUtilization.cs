using System.Runtime.InteropServices;

namespace InferBench.Telemetry.Power.Nvml;

/// <summary>nvmlUtilization_t (nvml.h): percent of the last sample period the GPU and its memory were busy.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NvmlUtilization
{
    public uint Gpu;
    public uint Memory;
}
