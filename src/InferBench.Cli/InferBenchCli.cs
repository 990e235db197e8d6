using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using InferBench.Cli.Commands;

namespace InferBench.Cli;

/// <summary>The command tree and the one place where errors become messages and exit codes.</summary>
public static class InferBenchCli
{
    public static int Invoke(string[] args, CliIo io, CancellationToken cancellation = default)
    {
        var root = Create(io, cancellation);
        var parseResult = root.Parse(args);
        foreach (var warning in DeprecatedSpelling.Warnings(parseResult))
            io.Error.WriteLine($"inferbench: warning: {warning}");
        var errors = ErrorMessages(parseResult).ToArray();
        if (errors.Length > 0)
        {
            foreach (var message in errors)
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
        catch (Exception e)
        {
            return Report(e, io.Error);
        }
    }

    /// <summary>The command tree: every command, its arguments and options (also what docs/cli.md is generated from, <see cref="CliReference"/>).</summary>
    public static RootCommand Create(CliIo io, CancellationToken cancellation = default) => new("InferBench: what it really costs to run an open LLM on this machine")
    {
        RunCommand.Create(io, cancellation),
        ServeCommand.Create(io, cancellation),
        ListCommand.Create(io),
        ReportCommand.Create(io),
        CompareCommand.Create(io),
        MergeCommand.Create(io, cancellation),
        PowerCommand.Create(io, cancellation),
        CostCommand.Create(io),
        FetchCommand.Create(io, cancellation),
        ModelsCommand.Create(io, cancellation),
        CampaignCommand.Create(io, cancellation),
        ProfileCommand.Create(io, cancellation),
        ForecastCommand.Create(io, cancellation),
    };

    /// <summary>
    /// Writes why a command failed and returns its exit code. Permission denied on a path is the user's to fix (exit 2);
    /// a full disk is not (exit 1, as a run's failed save, which never gets here: <see cref="RunSaveException"/>).
    /// </summary>
    public static int Report(Exception exception, TextWriter error)
    {
        switch (exception)
        {
            case OutOfSpaceException e:
                error.WriteLine($"inferbench: {e.MessageNaming(OptionNames.Of)}");
                return ExitCodes.SomeRowsFailed;
            case InputFieldException e:
                error.WriteLine($"inferbench: {e.MessageNaming(OptionNames.Of)}");
                return ExitCodes.BadInput;
            case InputException e:
                error.WriteLine($"inferbench: {e.Message}");
                return ExitCodes.BadInput;
            case UnauthorizedAccessException e:
                error.WriteLine($"inferbench: permission denied: {e.Message}");
                return ExitCodes.BadInput;
            default:
                error.WriteLine($"inferbench: internal error ({exception.GetType().Name}): {exception.Message}");
                error.WriteLine("This is a bug in InferBench; please report it with the command line above.");
                return ExitCodes.InternalError;
        }
    }

    /// <summary>
    /// An unknown option ("--bogus", "-x") after an option taking several values (--batch 1 --bogus 3) is read as one of
    /// its values, so System.CommandLine blames that option; the unknown option is named instead. A negative number
    /// ("-1", "-1e3", "-5%") is a value, not an option.
    /// </summary>
    private static IEnumerable<string> ErrorMessages(ParseResult parseResult)
    {
        var unknownOptions = parseResult.Tokens
            .Where(token => token.Type == TokenType.Argument && LooksLikeAnOption(token.Value))
            .Select(token => $"{token.Value}: unknown option of '{parseResult.CommandResult.Command.Name}'")
            .ToArray();
        return unknownOptions.Length > 0 ? unknownOptions : EmptyTextErrors(parseResult).Concat(parseResult.Errors.Select(ParseErrorText.Of));
    }

    /// <summary>
    /// Every option and argument that takes text (a path, a name, a prompt) refuses an empty or blank value, checked
    /// here once for all commands so none can forget and hand "" to a file-system call.
    /// </summary>
    private static IEnumerable<string> EmptyTextErrors(ParseResult parseResult)
    {
        for (var command = parseResult.CommandResult; command is not null; command = command.Parent as CommandResult)
        {
            foreach (var child in command.Children)
            {
                var (name, valueType) = child switch
                {
                    OptionResult option => (option.Option.Name, option.Option.ValueType),
                    ArgumentResult argument => (argument.Argument.Name, argument.Argument.ValueType),
                    _ => ("", typeof(void)),
                };
                if ((valueType == typeof(string) || valueType == typeof(string[])) && child.Tokens.FirstOrDefault(token => string.IsNullOrWhiteSpace(token.Value)) is { } blank)
                    yield return $"{name}: expected a value (a path, a name or text), got {(blank.Value.Length == 0 ? "an empty string" : "only whitespace")}";
            }
        }
    }

    private static bool LooksLikeAnOption(string token) =>
        token.Length > 1 && token[0] == '-' && !double.TryParse(token.EndsWith('%') ? token[..^1] : token, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
