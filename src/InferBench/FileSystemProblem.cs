namespace InferBench;

/// <summary>Turns a file-system failure on a path the user chose into words the user can act on.</summary>
public static class FileSystemProblem
{
    /// <summary>True for the exceptions a file-system operation throws when the path cannot be used (not for bugs).</summary>
    public static bool IsFileSystemFailure(Exception exception) => exception is IOException or UnauthorizedAccessException;

    /// <summary>
    /// The error for a write to the output named by <paramref name="fields"/> that failed with <paramref name="exception"/>:
    /// <see cref="OutOfSpaceException"/> for a full disk or quota (the machine's problem), else an <see cref="InputFieldException"/>
    /// (a file in the way, no permission, a read-only file system: the path cannot be used).
    /// </summary>
    public static InputFieldException WriteFailure(IReadOnlyList<string> fields, string problem, Exception exception) =>
        IsOutOfSpace(exception) ? new OutOfSpaceException(fields, problem) : new InputFieldException(fields, problem);

    /// <summary>True when <paramref name="exception"/> says the file system has no room left for the writer (ENOSPC, EDQUOT; on Windows, a full disk).</summary>
    private static bool IsOutOfSpace(Exception exception) =>
        exception is IOException { HResult: var code } && (OperatingSystem.IsWindows() ? code is WindowsDiskFull or WindowsHandleDiskFull
            : OperatingSystem.IsMacOS() ? code is NoSpaceErrno or MacQuotaErrno : code is NoSpaceErrno or LinuxQuotaErrno);

    // .NET puts the errno of a failed Unix call (the Win32 error as an HRESULT on Windows) into IOException.HResult.
    private const int NoSpaceErrno = 28;
    private const int LinuxQuotaErrno = 122;
    private const int MacQuotaErrno = 69;
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);

    /// <summary>Why an operation on the folder <paramref name="path"/> (or a file in it) failed.</summary>
    public static string Reason(Exception exception, string path) => exception switch
    {
        UnauthorizedAccessException => $"permission denied or read-only file system ({exception.Message})",
        _ when File.Exists(path) => $"{path} is a file, not a folder",
        _ when AncestorFile(path) is { } file => $"{file} is a file, not a folder",
        _ => exception.Message,
    };

    private static string? AncestorFile(string path)
    {
        for (var parent = Path.GetDirectoryName(path); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            if (File.Exists(parent))
                return parent;
        }
        return null;
    }
}
