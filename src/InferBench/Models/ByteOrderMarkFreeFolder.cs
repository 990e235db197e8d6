using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace InferBench.Models;

/// <summary>
/// ONNX Runtime GenAI (0.18 and 0.20) cannot parse a genai_config.json that starts with a UTF-8 byte-order mark, which InferBench
/// accepts (as it does in the manifest). Such a folder is loaded through a stand-in: a folder in the temp directory
/// with links to each of its files and the config written without the mark. Stand-ins live as long as the process.
/// </summary>
public static class ByteOrderMarkFreeFolder
{
    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];
    private static readonly ConcurrentDictionary<string, string> StandIns = new();
    private static readonly string Root = Path.Combine(Path.GetTempPath(), $"inferbench-config-{Environment.ProcessId}");

    static ByteOrderMarkFreeFolder() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteRoot();

    /// <summary>
    /// <paramref name="folderPath"/> itself when its genai_config.json has no byte-order mark (or cannot be read: loading
    /// then says why); otherwise the stand-in. Where links cannot be made, the folder itself, so GenAI's own error is reported.
    /// </summary>
    public static string For(string folderPath)
    {
        var config = Path.Combine(folderPath, GenAiModelFolder.ConfigFileName);
        if (!StartsWithByteOrderMark(config))
            return folderPath;
        try
        {
            return StandIns.GetOrAdd(Path.GetFullPath(folderPath), CreateStandIn);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return folderPath;
        }
    }

    private static bool StartsWithByteOrderMark(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            Span<byte> start = stackalloc byte[3];
            return file.ReadAtLeast(start, 3, throwOnEndOfStream: false) == 3 && start.SequenceEqual(ByteOrderMark);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string CreateStandIn(string folderPath)
    {
        var standIn = Path.Combine(Root, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(folderPath)))[..16]);
        if (Directory.Exists(standIn))
            Directory.Delete(standIn, recursive: true);
        Directory.CreateDirectory(standIn);
        foreach (var entry in new DirectoryInfo(folderPath).EnumerateFileSystemInfos())
        {
            var link = Path.Combine(standIn, entry.Name);
            if (entry.Name == GenAiModelFolder.ConfigFileName)
                File.WriteAllBytes(link, File.ReadAllBytes(entry.FullName)[ByteOrderMark.Length..]);
            else if (entry is DirectoryInfo)
                Directory.CreateSymbolicLink(link, entry.FullName);
            else
                File.CreateSymbolicLink(link, entry.FullName);
        }
        return standIn;
    }

    private static void DeleteRoot()
    {
        try
        {
            if (Directory.Exists(Root))
                Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A stand-in left in the temp directory holds only links and a small config: nothing to report at exit.
        }
    }
}
