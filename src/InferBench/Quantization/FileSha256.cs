using System.Security.Cryptography;

namespace InferBench.Quantization;

internal static class FileSha256
{
    /// <returns>Lowercase hex, as sha256sum prints it.</returns>
    public static string Of(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }
}
