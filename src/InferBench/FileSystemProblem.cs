namespace InferBench;

/// <summary>Turns a file-system failure on a path the user chose into words the user can act on.</summary>
public static class FileSystemProblem
{
    /// <summary>True for the exceptions a file-system operation throws when the path cannot be used (not for bugs).</summary>
    public static bool IsFileSystemFailure(Exception exception) => exception is IOException or UnauthorizedAccessException;

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
