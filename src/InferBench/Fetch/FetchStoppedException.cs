using System.Globalization;

namespace InferBench.Fetch;

/// <summary>
/// A fetch stopped by its cancellation token (Ctrl-C, SIGTERM). The message says what is kept and how to resume;
/// it is still an <see cref="OperationCanceledException"/> for callers that only care that it was cancelled.
/// </summary>
public sealed class FetchStoppedException : OperationCanceledException
{
    public FetchStoppedException(string stagingFolder, CancellationToken cancellation)
        : base(MessageFor(stagingFolder), cancellation)
    {
    }

    /// <summary>The partial files with what they hold, else the staging folder: nothing downloaded so far is thrown away.</summary>
    private static string MessageFor(string stagingFolder)
    {
        var partials = Directory.Exists(stagingFolder)
            ? Directory.EnumerateFiles(stagingFolder, "*.partial", SearchOption.AllDirectories)
                .Select(path => new FileInfo(path))
                .Where(file => file.Length > 0)
                .OrderBy(file => file.FullName, StringComparer.Ordinal)
                .ToArray()
            : [];
        var kept = partials.Length == 0
            ? $"the files finished so far are kept in {stagingFolder}"
            : string.Join(", ", partials.Select(file => string.Create(CultureInfo.InvariantCulture,
                $"{file.Length / (1024.0 * 1024.0):0.0} MiB ({file.Length} bytes) kept in {file.FullName}")));
        return $"download stopped; {kept}; run the same command to resume";
    }
}
