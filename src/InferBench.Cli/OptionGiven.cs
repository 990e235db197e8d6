using System.CommandLine;
using System.CommandLine.Parsing;

namespace InferBench.Cli;

public static class OptionGiven
{
    /// <summary>True when the command line names <paramref name="option"/>, rather than leaving it to its default.</summary>
    public static bool IsGiven(this ParseResult parseResult, Option option) => parseResult.GetResult(option) is { Implicit: false };

    /// <summary>The same, inside a validator: <paramref name="command"/> is the result of the command the option belongs to.</summary>
    public static bool IsGiven(this SymbolResult? command, Option option) => command?.GetResult(option) is { Implicit: false };
}
