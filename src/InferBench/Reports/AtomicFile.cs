using System.Security.Cryptography;
using System.Text;

namespace InferBench.Reports;

/// <summary>Writes a file so that readers see either the old content or the new one, never a half-written file.</summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Writes <paramref name="contents"/> (UTF-8, no BOM) to <c>path.tmp-&lt;random&gt;</c> in the same folder, flushes it
    /// to disk, then renames it over <paramref name="path"/>. The folder must exist.
    /// </summary>
    public static void WriteAllText(string path, string contents) => WriteAll([(path, contents)]);

    /// <summary>
    /// Writes a set of files that belong together (UTF-8, no BOM): every one to its temporary file first, then each renamed
    /// over its target. A write that fails (a full disk) leaves every target as it was, so a folder never holds some files of
    /// the new set beside others of the old; only a rename that fails (a folder in the way) can leave the set mixed. The
    /// folders must exist.
    /// </summary>
    public static void WriteAll(IReadOnlyList<(string Path, string Contents)> files)
    {
        // Same folder as the target, so the rename stays on one file system and is atomic.
        var pending = files.Select(file => (Target: Path.GetFullPath(file.Path), file.Contents))
            .Select(file => (file.Target, Temp: $"{file.Target}.tmp-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}", file.Contents))
            .ToList();
        try
        {
            foreach (var (_, temp, contents) in pending)
            {
                using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                stream.Write(Utf8WithoutBom.GetBytes(contents));
                stream.Flush(flushToDisk: true);
            }
            foreach (var (target, temp, _) in pending)
                File.Move(temp, target, overwrite: true);
        }
        catch
        {
            foreach (var (_, temp, _) in pending)
                DeleteIfPresent(temp);
            throw;
        }
    }

    private static void DeleteIfPresent(string tempPath)
    {
        try
        {
            File.Delete(tempPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Keep the original failure; a stray temp file is the lesser problem.
        }
    }
}
