using InferBench.Cli;

namespace InferBench.Tests.Support;

/// <summary>
/// The inferbench command in-process on another thread, its stderr readable while it runs, so a test can act when the
/// command says it has reached a stage (a synchronisation point) instead of after a fixed sleep that load can outrun.
/// </summary>
internal sealed class BackgroundCli
{
    private readonly StringWriter _error = new();
    private readonly TextWriter _syncedError;

    private BackgroundCli(CancellationToken cancellation, string[] args)
    {
        // Synchronized writers lock themselves, so reading under the same lock never sees a write half done.
        _syncedError = TextWriter.Synchronized(_error);
        Run = Task.Run(() =>
        {
            var output = new StringWriter();
            var exitCode = InferBenchCli.Invoke(args, new CliIo(output, _syncedError, Interactive: false), cancellation);
            return new CliRun(exitCode, output.ToString(), ErrorSoFar);
        });
    }

    public Task<CliRun> Run { get; }

    public string ErrorSoFar
    {
        get
        {
            lock (_syncedError)
                return _error.ToString();
        }
    }

    public static BackgroundCli Start(CancellationToken cancellation, params string[] args) => new(cancellation, args);

    /// <summary>Returns once stderr holds <paramref name="text"/>; fails if the command ends first.</summary>
    public Task WaitForErrorAsync(string text) => Stage.WrittenAsync(() => ErrorSoFar, text, () => Run.IsCompleted);
}
