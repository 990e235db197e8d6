using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace InferBench.Models;

/// <summary>
/// A GenAI model folder loaded with a genai_config.json InferBench wrote for the run (without a byte-order mark, with an
/// engine section): a folder in the temp directory with links to each of the folder's files and that config, so the
/// user's folder is never written. One stand-in per folder and config; stand-ins live as long as the process.
/// </summary>
public static class ConfigStandInFolder
{
    private static readonly ConcurrentDictionary<string, string> StandIns = new();
    private static readonly string Root = Path.Combine(Path.GetTempPath(), $"inferbench-config-{Environment.ProcessId}");

    static ConfigStandInFolder() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteRoot();

    /// <summary>The stand-in of <paramref name="folderPath"/> whose genai_config.json is <paramref name="config"/>.</summary>
    /// <exception cref="IOException">The stand-in or its links cannot be made.</exception>
    /// <exception cref="UnauthorizedAccessException">The stand-in or its links cannot be made.</exception>
    public static string For(string folderPath, byte[] config)
    {
        var fullPath = Path.GetFullPath(folderPath);
        var key = Convert.ToHexString(SHA256.HashData([.. Encoding.UTF8.GetBytes(fullPath), 0, .. config]))[..16];
        return StandIns.GetOrAdd(key, _ => Create(fullPath, Path.Combine(Root, key), config));
    }

    private static string Create(string folderPath, string standIn, byte[] config)
    {
        if (Directory.Exists(standIn))
            Directory.Delete(standIn, recursive: true);
        Directory.CreateDirectory(standIn);
        foreach (var entry in new DirectoryInfo(folderPath).EnumerateFileSystemInfos())
        {
            var link = Path.Combine(standIn, entry.Name);
            if (entry.Name == GenAiModelFolder.ConfigFileName)
                continue;
            if (entry is DirectoryInfo)
                Directory.CreateSymbolicLink(link, entry.FullName);
            else
                File.CreateSymbolicLink(link, entry.FullName);
        }
        File.WriteAllBytes(Path.Combine(standIn, GenAiModelFolder.ConfigFileName), config);
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
