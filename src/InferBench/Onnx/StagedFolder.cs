using System.Security.Cryptography;

namespace InferBench.Onnx;

/// <summary>
/// Writes a model folder so that it appears whole or not at all: everything goes into a hidden sibling folder
/// (<c>.NAME.partial-XXXX</c>) that is renamed into place only when complete, and deleted if anything fails.
/// A folder holding an earlier model of the same kind (its stamp file present) is replaced; any other non-empty folder is refused.
/// A writer holds a lock file beside its staging folder (<c>.NAME.partial-XXXX.lock</c>) while it writes, so the staging
/// folders a killed writer left (a second Ctrl-C ends the process at once) are told from live ones and removed by the next write.
/// </summary>
internal static class StagedFolder
{
    private const string LockSuffix = ".lock";

    /// <param name="folderPath">The folder to create or replace.</param>
    /// <param name="stampFileName">The file that marks an earlier model of this kind, e.g. synthetic.json.</param>
    /// <param name="modelKind">What the refusal message calls such a model, e.g. "synthetic model".</param>
    /// <param name="writeFiles">Writes every file into the staging folder it is given.</param>
    /// <exception cref="InputException">The folder holds something else, or it cannot be written (names the output folder's field).</exception>
    public static T Write<T>(string folderPath, string stampFileName, string modelKind, Func<string, T> writeFiles)
    {
        var targetPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folderPath));
        RequireReplaceable(targetPath, stampFileName, modelKind);
        var stagingPath = Path.Combine(Path.GetDirectoryName(targetPath)!, $".{Path.GetFileName(targetPath)}.partial-{RandomSuffix()}");
        FileStream? writerLock = null;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(targetPath)!);
            RemoveAbandonedStaging(targetPath);
            writerLock = LockExclusively(stagingPath + LockSuffix)
                ?? throw new IOException($"{stagingPath}{LockSuffix} is locked by another writer");
            Directory.CreateDirectory(stagingPath);
            var result = writeFiles(stagingPath);
            MoveIntoPlace(stagingPath, targetPath);
            return result;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            DeleteQuietly(stagingPath);
            throw FileSystemProblem.WriteFailure([ModelOutputFolder.Field], $"cannot write the model to {targetPath}: {e.Message}", e);
        }
        catch
        {
            DeleteQuietly(stagingPath);
            throw;
        }
        finally
        {
            if (writerLock is not null)
            {
                writerLock.Dispose();
                DeleteFileQuietly(stagingPath + LockSuffix);
            }
        }
    }

    /// <summary>
    /// Deletes the staging and retired folders of <paramref name="targetPath"/> whose writer is gone: those whose lock file
    /// can be taken (or that have none, as folders of earlier versions). A live writer's folder is left alone.
    /// </summary>
    private static void RemoveAbandonedStaging(string targetPath)
    {
        var parent = Path.GetDirectoryName(targetPath)!;
        var name = Path.GetFileName(targetPath);
        // A writer killed between taking its lock and making its folder leaves only the lock file: that counts too.
        var leftovers = Directory.EnumerateDirectories(parent, $".{name}.partial-*")
            .Concat(Directory.EnumerateDirectories(parent, $".{name}.old-*"))
            .Concat(Directory.EnumerateFiles(parent, $".{name}.partial-*{LockSuffix}").Select(lockPath => lockPath[..^LockSuffix.Length]))
            .Distinct()
            .ToArray();
        foreach (var leftover in leftovers)
        {
            var taken = LockExclusively(leftover + LockSuffix);
            if (taken is null)
                continue;
            DeleteQuietly(leftover);
            // Released before its file is deleted, so no other process is left holding a lock on a deleted file.
            taken.Dispose();
            DeleteFileQuietly(leftover + LockSuffix);
        }
    }

    /// <summary>The lock file opened for this process alone, or null where another process holds it.</summary>
    private static FileStream? LockExclusively(string lockPath)
    {
        try
        {
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(lockPath))
        {
            return null;
        }
    }

    private static void RequireReplaceable(string targetPath, string stampFileName, string modelKind)
    {
        if (File.Exists(targetPath))
            throw new InputFieldException([ModelOutputFolder.Field], $"{targetPath} is a file, not a folder");
        if (Directory.Exists(targetPath)
            && Directory.EnumerateFileSystemEntries(targetPath).Any()
            && !File.Exists(Path.Combine(targetPath, stampFileName)))
            throw new InputFieldException([ModelOutputFolder.Field], $"{targetPath} is not empty and holds no {modelKind}; choose a new or empty folder");
    }

    /// <summary>Renames the finished folder into place; an earlier one is first renamed aside, then deleted.</summary>
    private static void MoveIntoPlace(string stagingPath, string targetPath)
    {
        if (!Directory.Exists(targetPath))
        {
            Directory.Move(stagingPath, targetPath);
            return;
        }
        var retiredPath = Path.Combine(Path.GetDirectoryName(targetPath)!, $".{Path.GetFileName(targetPath)}.old-{RandomSuffix()}");
        Directory.Move(targetPath, retiredPath);
        Directory.Move(stagingPath, targetPath);
        DeleteQuietly(retiredPath);
    }

    private static string RandomSuffix() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    private static void DeleteQuietly(string folderPath)
    {
        try
        {
            if (Directory.Exists(folderPath))
                Directory.Delete(folderPath, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Keep the original failure; a stray hidden folder is the lesser problem.
        }
    }

    private static void DeleteFileQuietly(string filePath)
    {
        try
        {
            File.Delete(filePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A lock file left behind is removed by the next write to the same folder.
        }
    }
}
