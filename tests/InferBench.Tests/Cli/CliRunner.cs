using InferBench.Cli;

namespace InferBench.Tests.Cli;

/// <summary>Runs the inferbench command in-process, capturing what it writes.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static CliRun Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = InferBenchCli.Invoke(args, new CliIo(output, error, Interactive: false));
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Bad input is a message, never a stack trace.</summary>
    public void AssertNoStackTrace()
    {
        Assert.DoesNotContain("   at ", Error);
        Assert.DoesNotContain("   at ", Out);
    }
}
