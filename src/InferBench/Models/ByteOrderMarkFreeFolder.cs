namespace InferBench.Models;

/// <summary>
/// ONNX Runtime GenAI (0.18 and 0.20) cannot parse a genai_config.json that starts with a UTF-8 byte-order mark, which
/// InferBench accepts (as it does in the manifest). Such a folder is loaded through a <see cref="ConfigStandInFolder"/>
/// whose config is written without the mark.
/// </summary>
public static class ByteOrderMarkFreeFolder
{
    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

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
            return ConfigStandInFolder.For(folderPath, WithoutByteOrderMark(File.ReadAllBytes(config)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return folderPath;
        }
    }

    /// <summary>The bytes of a genai_config.json, a leading byte-order mark removed.</summary>
    public static byte[] WithoutByteOrderMark(byte[] config) =>
        config.AsSpan().StartsWith(ByteOrderMark) ? config[ByteOrderMark.Length..] : config;

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
}
