namespace InferBench.Cli;

/// <summary>Where a command writes: results and summaries to <see cref="Out"/>, progress and errors to <see cref="Error"/>.</summary>
/// <param name="Interactive">True on a terminal: progress is drawn with Spectre.Console instead of plain lines.</param>
public sealed record CliIo(TextWriter Out, TextWriter Error, bool Interactive)
{
    /// <summary>Writes one run file (path, contents); null for the atomic writer. Tests put a full disk here.</summary>
    public Action<string, string>? WriteRunFile { get; init; }

    public static CliIo FromConsole() => new(Console.Out, Console.Error,
        !Console.IsOutputRedirected && !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("CI") is null);
}
