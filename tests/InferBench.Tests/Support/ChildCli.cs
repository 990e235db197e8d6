using System.Diagnostics;

namespace InferBench.Tests.Support;

/// <summary>
/// The built inferbench CLI as a child process, for what only a real process shows: how it answers SIGINT and
/// SIGTERM (the in-process <see cref="CliRun"/> never sees a signal), and how it runs under an address-space limit.
/// </summary>
internal sealed class ChildCli : IDisposable
{
    private static readonly TimeSpan ExitLimit = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly Task<string> _out;
    private readonly System.Text.StringBuilder _errorSoFar = new();
    private readonly Task<string> _error;

    private ChildCli(Process process)
    {
        _process = process;
        _out = process.StandardOutput.ReadToEndAsync();
        _error = ReadErrorAsync(process.StandardError);
    }

    /// <summary>What the process has written to stderr so far.</summary>
    public string ErrorSoFar
    {
        get
        {
            lock (_errorSoFar)
                return _errorSoFar.ToString();
        }
    }

    /// <summary>Returns once stderr holds <paramref name="text"/>; fails if the process ends first.</summary>
    public Task WaitForErrorAsync(string text) => Stage.WrittenAsync(() => ErrorSoFar, text, () => _error.IsCompleted);

    private async Task<string> ReadErrorAsync(StreamReader error)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await error.ReadAsync(buffer)) > 0)
        {
            lock (_errorSoFar)
                _errorSoFar.Append(buffer, 0, read);
        }
        return ErrorSoFar;
    }

    public static ChildCli Start(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        StartUnder([], environment, args);

    /// <param name="launcher">A command that runs the CLI, with its arguments, such as prlimit --as=N (empty: none).</param>
    public static ChildCli StartUnder(IReadOnlyList<string> launcher, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "InferBench.Cli");
        var start = new ProcessStartInfo(launcher.Count > 0 ? launcher[0] : cli)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in launcher.Skip(1).Concat(launcher.Count > 0 ? [cli] : []))
            start.ArgumentList.Add(argument);
        foreach (var argument in args)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        return new ChildCli(Process.Start(start)!);
    }

    public bool HasExited => _process.HasExited;

    /// <param name="signal">A signal name as kill(1) takes it: INT (what Ctrl-C sends) or TERM.</param>
    public void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-s", signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        kill.WaitForExit();
        Assert.True(kill.ExitCode == 0, $"kill -s {signal} {_process.Id} failed");
    }

    /// <summary>Waits for the process to end; a process still running after a minute is killed and fails the test.</summary>
    public async Task<CliRun> ExitAsync()
    {
        using var limit = new CancellationTokenSource(ExitLimit);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"inferbench did not exit within {ExitLimit.TotalSeconds} s of the signal; it wrote: {await _error}");
        }
        return new CliRun(_process.ExitCode, await _out, await _error);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
