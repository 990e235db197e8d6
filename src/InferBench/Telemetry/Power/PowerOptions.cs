using InferBench.Results;
using Microsoft.Win32.SafeHandles;

namespace InferBench.Telemetry.Power;

/// <summary>What the power sources need to know about this machine, and where they look. Defaults are the real places.</summary>
public sealed record PowerOptions
{
    public const string NvmlLibraryVariable = "INFERBENCH_NVML_LIBRARY";

    /// <summary>CPU model name as the OS reports it; the estimate looks its TDP and threads up by substring.</summary>
    public required string CpuModel { get; init; }

    /// <summary>The whole chip's power and hardware threads for the estimate, as far as the user knows them; the TDP table decides the rest.</summary>
    public CpuRating Cpu { get; init; } = CpuRating.FromTable;

    /// <summary>The logical cores this machine shows; the chip's hardware threads in <see cref="Cpu"/> are at least as many.</summary>
    public int VisibleLogicalCores { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// The CUDA device (index among the visible GPUs) the run uses, whose energy alone is measured; null measures
    /// every visible GPU (a probe, or a CPU run that asked for NVML).
    /// </summary>
    public int? CudaDeviceId { get; init; }

    /// <summary>Load NVML from this file instead of the driver's usual place.</summary>
    public string? NvmlLibraryPath { get; init; }

    /// <summary>CUDA_VISIBLE_DEVICES as the run sees it: only these GPUs are measured. Null: all of them.</summary>
    public string? CudaVisibleDevices { get; init; }

    /// <summary>CUDA_DEVICE_ORDER: with PCI_BUS_ID, CUDA's indices are NVML's.</summary>
    public string? CudaDeviceOrder { get; init; }

    public string PowercapRoot { get; init; } = "/sys/class/powercap";

    /// <summary>Opens a powercap file for reading. Root ignores file modes, so tests deny access through this.</summary>
    public Func<string, SafeFileHandle> OpenPowercapFile { get; init; } = path => File.OpenHandle(path);

    /// <summary>User plus kernel CPU time this process has used.</summary>
    public Func<TimeSpan> ProcessCpuTime { get; init; } = () => Environment.CpuUsage.TotalTime;

    /// <summary>The real machine: CPU facts from <paramref name="host"/>, NVML path and GPU selection from the environment.</summary>
    public static PowerOptions FromEnvironment(HostFacts host, CpuRating cpu, int? cudaDeviceId = null) => new()
    {
        CpuModel = host.CpuModel,
        Cpu = cpu,
        CudaDeviceId = cudaDeviceId,
        NvmlLibraryPath = Environment.GetEnvironmentVariable(NvmlLibraryVariable),
        CudaVisibleDevices = Environment.GetEnvironmentVariable("CUDA_VISIBLE_DEVICES"),
        CudaDeviceOrder = Environment.GetEnvironmentVariable("CUDA_DEVICE_ORDER"),
    };
}
