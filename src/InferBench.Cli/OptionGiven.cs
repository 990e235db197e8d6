using System.CommandLine;

namespace InferBench.Cli;

public static class OptionGiven
{
    /// <summary>True when the command line names <paramref name="option"/>, rather than leaving it to its default.</summary>
    public static bool IsGiven(this ParseResult parseResult, Option option) => parseResult.GetResult(option) is { Implicit: false };
}
