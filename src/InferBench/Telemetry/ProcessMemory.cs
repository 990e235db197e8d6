using System.Diagnostics;

namespace InferBench.Telemetry;

/// <summary>Resident memory of this process, including what ONNX Runtime allocates natively.</summary>
public static class ProcessMemory
{
    public static long ResidentBytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    /// <summary>Peak resident set size since the last <see cref="TryResetPeak"/> (Linux) or since the process started.</summary>
    public static long PeakResidentBytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    /// <summary>
    /// Resets the kernel's peak RSS (VmHWM) so the next peak belongs to one plan point. Linux only;
    /// returns false elsewhere or where /proc/self/clear_refs is not writable, and the peak is then process-wide.
    /// </summary>
    public static bool TryResetPeak()
    {
        if (!OperatingSystem.IsLinux())
            return false;
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
