namespace InferBench.Cli;

/// <summary>
/// Says on stderr, once, that a long command is stopping after the first signal. The line is written from a cancellation
/// callback, so it appears while the command winds down; the callback runs after the ones registered later (the waits it
/// wakes), so a command that finishes at once could dispose it unrun: disposing says the line then instead.
/// </summary>
public sealed class StopAnnouncement : IDisposable
{
    private readonly TextWriter _error;
    private readonly string _line;
    private readonly CancellationToken _cancellation;
    private readonly CancellationTokenRegistration _registration;
    private int _said;

    public StopAnnouncement(TextWriter error, CancellationToken cancellation, string line)
    {
        (_error, _line, _cancellation) = (error, line, cancellation);
        _registration = cancellation.Register(Say);
    }

    public void Dispose()
    {
        _registration.Dispose();
        if (_cancellation.IsCancellationRequested)
            Say();
    }

    private void Say()
    {
        if (Interlocked.Exchange(ref _said, 1) == 0)
            _error.WriteLine(_line);
    }
}
