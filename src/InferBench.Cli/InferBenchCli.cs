using System.CommandLine;
using InferBench.Cli.Commands;

namespace InferBench.Cli;

/// <summary>The command tree and the one place where errors become messages and exit codes.</summary>
public static class InferBenchCli
{
    public static int Invoke(string[] args, CliIo io, CancellationToken cancellation = default)
    {
        var root = new RootCommand("InferBench: what it really costs to run an open LLM on this machine")
        {
            RunCommand.Create(io, cancellation),
            ListCommand.Create(io),
            ReportCommand.Create(io),
            CompareCommand.Create(io),
            PowerCommand.Create(io, cancellation),
            CostCommand.Create(io),
            FetchCommand.Create(io, cancellation),
            ModelsCommand.Create(io, cancellation),
        };
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
                io.Error.WriteLine($"inferbench: {error.Message}");
            io.Error.WriteLine("Run 'inferbench --help' for the options.");
            return ExitCodes.BadInput;
        }

        try
        {
            return parseResult.Invoke(new InvocationConfiguration
            {
                Output = io.Out,
                Error = io.Error,
                EnableDefaultExceptionHandler = false,
                // Signals are handled once, in Program.cs, through the token every long command observes.
                ProcessTerminationTimeout = null,
            });
        }
        catch (InputException e)
        {
            io.Error.WriteLine($"inferbench: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e)
        {
            io.Error.WriteLine($"inferbench: internal error ({e.GetType().Name}): {e.Message}");
            io.Error.WriteLine("This is a bug in InferBench; please report it with the command line above.");
            return ExitCodes.InternalError;
        }
    }
}
