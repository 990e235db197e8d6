using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace InferBench.Tests.Support;

/// <summary>
/// A private copy of the fake NVML library (Telemetry/fake_nvml.c, compiled once per test run with cc) beside its script.
/// Each copy is a separate load with its own state; <see cref="SetTime"/> moves its trace.
/// </summary>
public sealed class FakeNvml : IDisposable
{
    private static readonly Lazy<string?> WithEventReasons = new(() => Compile(""));
    private static readonly Lazy<string?> ThrottleReasonsOnly = new(() => Compile("-DFAKE_NVML_NO_EVENT_REASONS"));
    private static string? _compileProblem;

    private readonly TempFolder _folder = new();
    private readonly IntPtr _handle;
    private readonly SetTimeMilliseconds _setTime;
    private readonly InitCountQuery _initCount;

    private FakeNvml(string compiled, string script, bool realTime)
    {
        LibraryPath = _folder.Combine("libnvidia-ml-fake.so");
        File.Copy(compiled, LibraryPath);
        File.WriteAllText(LibraryPath + ".script", script);
        _handle = NativeLibrary.Load(LibraryPath);
        _setTime = Marshal.GetDelegateForFunctionPointer<SetTimeMilliseconds>(NativeLibrary.GetExport(_handle, "fake_nvml_set_time_ms"));
        _initCount = Marshal.GetDelegateForFunctionPointer<InitCountQuery>(NativeLibrary.GetExport(_handle, "fake_nvml_init_count"));
        if (!realTime)
            SetTime(TimeSpan.Zero);
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void SetTimeMilliseconds(double milliseconds);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int InitCountQuery();

    public string LibraryPath { get; }

    /// <summary>How many nvmlInit_v2 calls have not been matched by nvmlShutdown.</summary>
    public int InitCount => _initCount();

    /// <summary>A fake NVML with <paramref name="script"/> (see fake_nvml.c); skips the test when it cannot be built here.</summary>
    /// <param name="realTime">Let the trace run on the monotonic clock (for a process that reads it on its own) instead of <see cref="SetTime"/>.</param>
    public static FakeNvml Create(string script, bool withEventReasons = true, bool realTime = false)
    {
        Skip.If(OperatingSystem.IsWindows(), "the fake NVML library is built with cc -shared, which this Windows machine lacks");
        var compiled = (withEventReasons ? WithEventReasons : ThrottleReasonsOnly).Value;
        Skip.If(compiled is null, _compileProblem ?? "the fake NVML library could not be built");
        return new FakeNvml(compiled!, script, realTime);
    }

    public void SetTime(TimeSpan time) => _setTime(time.TotalMilliseconds);

    public void Dispose()
    {
        NativeLibrary.Free(_handle);
        _folder.Dispose();
    }

    private static string? Compile(string defines)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Telemetry", "fake_nvml.c");
        var output = Path.Combine(Directory.CreateTempSubdirectory("inferbench-fake-nvml-").FullName, "libnvidia-ml-fake.so");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(Path.GetDirectoryName(output)!, recursive: true); }
            catch (IOException) { }
        };
        try
        {
            using var cc = Process.Start(new ProcessStartInfo("cc", $"-shared -fPIC -O1 {defines} -o \"{output}\" \"{source}\" -lm")
            {
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            var errors = cc.StandardError.ReadToEnd();
            cc.WaitForExit();
            if (cc.ExitCode == 0)
                return output;
            _compileProblem = string.Create(CultureInfo.InvariantCulture, $"cc failed ({cc.ExitCode}) on {source}: {errors}");
        }
        catch (Win32Exception)
        {
            _compileProblem = "no C compiler (cc) on PATH, so the fake NVML library cannot be built";
        }
        return null;
    }
}
