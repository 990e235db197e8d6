using System.Reflection;
using System.Runtime.InteropServices;
using InferBench.Results;

namespace InferBench.Telemetry;

/// <summary>Versions of the software that produced a result, read from what is actually loaded.</summary>
public static partial class SoftwareVersionsProbe
{
    public static SoftwareVersions Read()
    {
        var (version, commit) = InferBenchVersion();
        return new SoftwareVersions(
            RuntimeInformation.FrameworkDescription,
            AssemblyMetadata("OnnxRuntimeGenAIVersion") ?? "unknown",
            OnnxRuntimeVersion(),
            version,
            commit);
    }

    private static (string Version, string? Commit) InferBenchVersion()
    {
        var informational = typeof(SoftwareVersionsProbe).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        var plus = informational.IndexOf('+');
        return plus < 0 ? (informational, null) : (informational[..plus], informational[(plus + 1)..]);
    }

    private static string? AssemblyMetadata(string key) => typeof(SoftwareVersionsProbe).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == key)?.Value;

    /// <summary>Asks the native ONNX Runtime that GenAI loaded for its version (OrtGetApiBase()->GetVersionString).</summary>
    private static unsafe string OnnxRuntimeVersion()
    {
        try
        {
            var apiBase = (OrtApiBase*)OrtGetApiBase();
            return Marshal.PtrToStringUTF8(apiBase->GetVersionString()) ?? "unknown";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return "unknown";
        }
    }

    [LibraryImport("onnxruntime")]
    private static partial IntPtr OrtGetApiBase();

    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct OrtApiBase
    {
        public delegate* unmanaged<uint, IntPtr> GetApi;
        public delegate* unmanaged<IntPtr> GetVersionString;
    }
}
