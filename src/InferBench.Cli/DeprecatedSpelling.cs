using System.CommandLine;
using System.CommandLine.Parsing;
using System.Runtime.CompilerServices;

namespace InferBench.Cli;

/// <summary>
/// An option's old spelling, kept working for one release after a rename: an alias of the new option that earns one
/// warning line on stderr when it is the spelling typed.
/// </summary>
public static class DeprecatedSpelling
{
    // Keyed by the option object, so options of one name on different commands stay apart.
    private static readonly ConditionalWeakTable<Option, string> OldNames = new();

    /// <summary>Makes <paramref name="oldName"/> an alias of <paramref name="option"/> and says so in its help.</summary>
    public static TOption WithOldSpelling<TOption>(this TOption option, string oldName) where TOption : Option
    {
        option.Aliases.Add(oldName);
        option.Description = $"{option.Description} [{oldName}: the old spelling, deprecated]";
        OldNames.Add(option, oldName);
        return option;
    }

    /// <summary>One line for each old spelling on the command line, such as "--gpu is deprecated and will be removed in the next release; use --instance".</summary>
    public static IEnumerable<string> Warnings(ParseResult parseResult)
    {
        var lines = new List<string>();
        for (var command = parseResult.CommandResult; command is not null; command = command.Parent as CommandResult)
            foreach (var option in command.Children.OfType<OptionResult>())
                if (OldNames.TryGetValue(option.Option, out var oldName) && option.IdentifierToken?.Value == oldName)
                    lines.Add($"{oldName} is deprecated and will be removed in the next release; use {option.Option.Name}");
        return lines.Distinct();
    }
}
