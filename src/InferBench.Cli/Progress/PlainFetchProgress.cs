using System.Globalization;
using InferBench.Fetch;

namespace InferBench.Cli.Progress;

/// <summary>Plain lines for logs: each file's start, every tenth of it, retries and verification.</summary>
public sealed class PlainFetchProgress(TextWriter error) : IFetchProgress
{
    private const int Steps = 10;
    private readonly Dictionary<string, (long Done, long? Total, int StepsShown)> _files = [];

    public void FileStarted(string path, long? totalBytes, long resumedAtBytes)
    {
        _files[path] = (resumedAtBytes, totalBytes, StepOf(resumedAtBytes, totalBytes));
        var size = totalBytes is { } total ? Mebibytes(total) : "size unknown";
        error.WriteLine(resumedAtBytes > 0 ? $"  {path}: {size}, resuming at {Mebibytes(resumedAtBytes)}" : $"  {path}: {size}");
    }

    public void BytesWritten(string path, long bytes)
    {
        var (done, total, shown) = _files[path];
        done += bytes;
        var step = StepOf(done, total);
        if (step > shown && step < Steps)
            error.WriteLine($"  {path}: {step * 100 / Steps}% ({Mebibytes(done)})");
        _files[path] = (done, total, Math.Max(step, shown));
    }

    public void Retrying(string path, int nextAttempt, string reason) =>
        error.WriteLine($"  {path}: {reason}; trying again (attempt {nextAttempt})");

    public void FileVerified(string path) => error.WriteLine($"  {path}: done, verified");

    private static int StepOf(long done, long? total) => total is > 0 ? (int)(done * Steps / total.Value) : 0;

    private static string Mebibytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.0} MiB");
}
