using InferBench.Cli;

namespace InferBench.Tests.Support;

/// <summary>Runs the inferbench command in-process, capturing what it writes.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static CliRun Invoke(params string[] args) => Invoke(CancellationToken.None, args);

    /// <param name="cancellation">Stands in for Program's signal handling: cancelling it is what Ctrl-C or SIGTERM does.</param>
    public static CliRun Invoke(CancellationToken cancellation, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        // Synchronized: a command's stop announcement is written from the thread that cancels.
        var exitCode = InferBenchCli.Invoke(args, new CliIo(output, TextWriter.Synchronized(error), Interactive: false), cancellation);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Bad input is a message, never a stack trace.</summary>
    public void AssertNoStackTrace()
    {
        Assert.DoesNotContain("   at ", Error);
        Assert.DoesNotContain("   at ", Out);
    }
}
