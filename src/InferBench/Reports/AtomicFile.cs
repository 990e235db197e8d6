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
    public static void WriteAllText(string path, string contents)
    {
        var targetPath = Path.GetFullPath(path);
        // Same folder as the target, so the rename stays on one file system and is atomic.
        var tempPath = $"{targetPath}.tmp-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        try
        {
            using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var bytes = Utf8WithoutBom.GetBytes(contents);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(tempPath, targetPath, overwrite: true);
        }
        catch
        {
            DeleteIfPresent(tempPath);
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
