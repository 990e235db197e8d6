using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace InferBench.Cli;

/// <summary>
/// System.CommandLine's own parse errors, said as InferBench's are: the option first, then what was expected and what
/// was given, without .NET type names ("--shard-index: expected a whole number from -2147483648 to 2147483647, got
/// \"99999999999\"" rather than "... as expected type 'System.Int32'").
/// </summary>
internal static partial class ParseErrorText
{
    public static string Of(ParseError error)
    {
        var message = error.Message;
        if (TypeMismatch().Match(message) is { Success: true } mismatch)
            message = $"expected {Expected(mismatch.Groups["type"].Value)}, got \"{mismatch.Groups["value"].Value}\"";
        else if (NotAmong().Match(message) is { Success: true } among)
            message = $"expected one of {string.Join(", ", among.Groups["choice"].Captures.Select(c => c.Value))}, got \"{among.Groups["value"].Value}\"";
        return OptionOf(error.SymbolResult) is { } option && !message.StartsWith('-') && !message.Contains($"'{option}'", StringComparison.Ordinal)
            ? $"{option}: {message}"
            : message;
    }

    private static string? OptionOf(SymbolResult? result) => result switch
    {
        OptionResult option => option.Option.Name,
        ArgumentResult { Parent: OptionResult option } => option.Option.Name,
        _ => null,
    };

    private static string Expected(string type) => type switch
    {
        "System.Int32" => $"a whole number from {int.MinValue} to {int.MaxValue}",
        "System.Int64" => $"a whole number from {long.MinValue} to {long.MaxValue}",
        "System.Double" or "System.Single" or "System.Decimal" => "a number",
        "System.Boolean" => "true or false",
        _ => "a value of another form",
    };

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (option|command) '[^']*' as expected type '(?<type>[^']*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex TypeMismatch();

    [GeneratedRegex(@"^Argument '(?<value>.*)' not recognized\. Must be one of:(\s*'(?<choice>[^']*)')+\s*$", RegexOptions.Singleline)]
    private static partial Regex NotAmong();
}
