using System.Globalization;

namespace InferBench.Telemetry.Power.Nvml;

/// <summary>The GPUs a CUDA run can see, as NVML indices, and anything about the selection worth telling the user.</summary>
public sealed record CudaDeviceSelection(IReadOnlyList<int> NvmlIndices, IReadOnlyList<string> Notes)
{
    /// <summary>
    /// The one visible GPU a run uses: CUDA device <paramref name="deviceId"/> is the visible GPU at that index. Null
    /// when fewer GPUs are visible.
    /// </summary>
    /// <param name="deviceOrder">CUDA_DEVICE_ORDER: only PCI_BUS_ID makes CUDA's order of the visible GPUs NVML's.</param>
    public CudaDeviceSelection? Device(int deviceId, string? deviceOrder)
    {
        if (deviceId < 0 || deviceId >= NvmlIndices.Count)
            return null;
        var notes = Notes.ToList();
        // Device 0 too: CUDA's fastest-first order can put another GPU first on a machine of mixed GPUs.
        if (NvmlIndices.Count > 1 && deviceOrder != "PCI_BUS_ID")
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"CUDA device {deviceId} is read as visible GPU {deviceId} in NVML's PCI bus order, but CUDA numbers the fastest GPU first unless CUDA_DEVICE_ORDER=PCI_BUS_ID: set that, so both agree"));
        return new CudaDeviceSelection([NvmlIndices[deviceId]], notes);
    }
}
