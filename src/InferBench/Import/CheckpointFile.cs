using System.Runtime.InteropServices;

namespace InferBench.Import;

/// <summary>
/// What is at a checkpoint file's path, asked before it is opened: opening a named pipe waits for a writer forever, and a
/// folder or device is not a file the importer can read.
/// </summary>
internal static partial class CheckpointFile
{
    private const int FileTypeMask = 0xF000;
    private const int RegularFileType = 0x8000;

    /// <summary>Whether a file is at <paramref name="path"/> (links followed); when one is, it is a regular file.</summary>
    /// <exception cref="InputException">A folder, named pipe, socket or device is there; the message names it.</exception>
    public static bool Exists(string path)
    {
        if (Directory.Exists(path))
            throw new InputException($"{path}: a folder, not a file");
        if (!File.Exists(path))
            return false;
        if (!OperatingSystem.IsWindows() && !IsRegularFile(path))
            throw new InputException($"{path}: not a regular file (a named pipe, socket or device); the importer reads only regular files");
        return true;
    }

    /// <summary>
    /// Whether <paramref name="fileName"/> is in <paramref name="folderPath"/> as a regular file that is there, or a link that resolves
    /// to one inside the folder: a file copied into the imported model must be the checkpoint's own.
    /// </summary>
    /// <exception cref="InputException">It is not a regular file, or a link to a file outside the folder.</exception>
    public static bool ExistsInside(string folderPath, string fileName)
    {
        var path = Path.Combine(folderPath, fileName);
        if (!Exists(path))
            return false;
        if (File.ResolveLinkTarget(path, returnFinalTarget: true) is { } target
            && !target.FullName.StartsWith(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folderPath)) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InputException($"{path}: a link to {target.FullName}, outside the checkpoint folder; the importer copies only the checkpoint's own files");
        return true;
    }

    private static unsafe bool IsRegularFile(string path)
    {
        // .NET has no public file type on Unix: the runtime's own stat shim fills its FileStatus, whose second int is st_mode.
        // A path stat cannot read is left to the open that follows, whose error says why.
        var status = stackalloc int[64];
        return Stat(path, status) != 0 || (status[1] & FileTypeMask) == RegularFileType;
    }

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Stat(string path, int* status);
}
