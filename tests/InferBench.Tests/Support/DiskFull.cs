namespace InferBench.Tests.Support;

/// <summary>The exception a write throws on a full disk, as .NET makes it: the OS error code in HResult (ENOSPC; ERROR_DISK_FULL on Windows).</summary>
public static class DiskFull
{
    public static IOException Exception() =>
        new("No space left on device", OperatingSystem.IsWindows() ? unchecked((int)0x80070070) : 28);
}
