using System.Diagnostics;
using System.Runtime.InteropServices;
using InferBench.Results;

namespace InferBench.Telemetry;

/// <summary>Reads the facts about this machine that a result needs to be understood later.</summary>
public static class HostFactsProbe
{
    public static HostFacts Read() => new(
        RuntimeInformation.OSDescription,
        RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
        CpuModel(),
        Environment.ProcessorCount,
        TotalMemoryBytes(),
        NvidiaGpus(),
        CloudInstanceProbe.Read());

    private static string CpuModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (File.Exists(cpuInfo))
        {
            var line = File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line is not null)
                return line[(line.IndexOf(':') + 1)..].Trim();
        }
        return Environment.GetEnvironmentVariable("PROCESSOR_IDENTIFIER") ?? "unknown";
    }

    private static long? TotalMemoryBytes()
    {
        const string memInfo = "/proc/meminfo";
        if (File.Exists(memInfo))
        {
            var parts = File.ReadLines(memInfo).First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return available > 0 ? available : null;
    }

    /// <summary>GPU names and driver from nvidia-smi when it is installed; none otherwise.</summary>
    private static IReadOnlyList<GpuFacts> NvidiaGpus()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("nvidia-smi", "--query-gpu=name,driver_version --format=csv,noheader")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
                return [];
            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromSeconds(5)) || process.ExitCode != 0)
                return [];
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split(',', 2, StringSplitOptions.TrimEntries))
                .Select(fields => new GpuFacts(fields[0], fields.Length > 1 ? fields[1] : null))
                .ToArray();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return [];
        }
    }
}
