using System.CommandLine;
using System.CommandLine.Parsing;
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
            foreach (var message in ErrorMessages(parseResult))
                io.Error.WriteLine($"inferbench: {message}");
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
        catch (InputFieldException e)
        {
            io.Error.WriteLine($"inferbench: {e.MessageNaming(OptionNames.Of)}");
            return ExitCodes.BadInput;
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

    /// <summary>
    /// An unknown "--name" after an option taking several values (--batch 1 --bogus 3) is read as one of its values, so
    /// System.CommandLine blames that option; the unknown option is named instead.
    /// </summary>
    private static IEnumerable<string> ErrorMessages(ParseResult parseResult)
    {
        var unknownOptions = parseResult.Tokens
            .Where(token => token.Type == TokenType.Argument && token.Value.StartsWith("--", StringComparison.Ordinal))
            .Select(token => $"{token.Value}: unknown option of '{parseResult.CommandResult.Command.Name}'")
            .ToArray();
        return unknownOptions.Length > 0 ? unknownOptions : parseResult.Errors.Select(error => error.Message);
    }
}
