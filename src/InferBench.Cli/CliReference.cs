using System.Collections;
using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Help;
using System.Globalization;
using System.Text;

namespace InferBench.Cli;

/// <summary>
/// docs/cli.md, the command and option reference, generated from the command tree: every command and subcommand in
/// declaration order, its arguments, and its options with their aliases, defaults, accepted values and descriptions.
/// The same tree gives the same text on every machine (invariant culture, \n line ends), so a test can require the
/// file to match it.
/// </summary>
public static class CliReference
{
    /// <summary>The one line a contributor runs to rewrite docs/cli.md after changing a command or an option.</summary>
    public const string RegenerateCommand = "INFERBENCH_WRITE_GOLDEN=1 dotnet test InferBench.sln --filter FullyQualifiedName~CliReferenceTests";

    public static string Markdown(RootCommand root)
    {
        var text = new StringBuilder();
        Line(text, "# Command reference");
        Line(text);
        Line(text, "Generated from the command definitions (`src/InferBench.Cli`, `CliReference`): do not edit by hand. After changing a");
        Line(text, $"command or an option, regenerate it with `{RegenerateCommand}`.");
        Line(text, "What the measured figures mean and how they are measured: [methods.md](methods.md). Exit codes: [README.md](../README.md#exit-codes).");
        Line(text);
        Line(text, "`inferbench` is `dotnet run --project src/InferBench.Cli -c Release --` in a clone, or the .NET tool");
        Line(text, "(`dotnet pack src/InferBench.Cli -c Release` makes the package `InferBench.Tool`). Every command takes `-h`, `--help`;");
        Line(text, "`inferbench --version` prints the version.");
        Line(text);
        Line(text, $"> {root.Description}");
        Line(text);
        foreach (var (path, command) in Commands(root, "inferbench"))
            Section(text, path, command);
        return text.ToString();
    }

    private static IEnumerable<(string Path, Command Command)> Commands(Command parent, string parentPath)
    {
        foreach (var command in parent.Subcommands.Where(command => !command.Hidden))
        {
            var path = $"{parentPath} {command.Name}";
            yield return (path, command);
            foreach (var child in Commands(command, path))
                yield return child;
        }
    }

    private static void Section(StringBuilder text, string path, Command command)
    {
        Line(text, $"## {path}");
        Line(text);
        if (!string.IsNullOrEmpty(command.Description))
        {
            Line(text, Inline(command.Description));
            Line(text);
        }
        var options = Options(command).ToArray();
        var subcommands = command.Subcommands.Where(subcommand => !subcommand.Hidden).ToArray();
        if (command.Action is null && options.Length == 0 && command.Arguments.Count == 0)
        {
            Line(text, $"Subcommands: {string.Join(", ", subcommands.Select(subcommand => $"`{subcommand.Name}`"))}.");
            Line(text);
            return;
        }

        var usage = new[] { path }
            .Concat(command.Arguments.Where(argument => !argument.Hidden).Select(Usage))
            .Append(options.Length > 0 ? "[options]" : "")
            .Where(part => part.Length > 0);
        Line(text, $"`{string.Join(' ', usage)}`{(subcommands.Length > 0 ? $"; subcommands: {string.Join(", ", subcommands.Select(subcommand => $"`{subcommand.Name}`"))}" : "")}");
        Line(text);
        Table(text, ["argument", "meaning"],
            command.Arguments.Where(argument => !argument.Hidden).Select(argument => (string[])[$"`{Usage(argument)}`", Inline(argument.Description)]));
        Table(text, ["option", "default", "meaning"],
            options.Select(option => (string[])[Names(option), Default(option), Inline(Meaning(option))]));
    }

    /// <summary>A Markdown table of <paramref name="rows"/>, followed by a blank line; nothing where there are no rows.</summary>
    private static void Table(StringBuilder text, string[] header, IEnumerable<string[]> rows)
    {
        var cells = rows.ToArray();
        if (cells.Length == 0)
            return;
        Line(text, $"| {string.Join(" | ", header)} |");
        Line(text, $"|{string.Concat(header.Select(_ => "---|"))}");
        foreach (var row in cells)
            Line(text, $"| {string.Join(" | ", row)} |");
        Line(text);
    }

    /// <summary>The command's own options, in declaration order; -h/--help and --version are said once, in the header.</summary>
    private static IEnumerable<Option> Options(Command command) =>
        command.Options.Where(option => !option.Hidden && option is not (HelpOption or VersionOption));

    private static string Usage(Argument argument)
    {
        var name = $"<{argument.HelpName ?? argument.Name}>{(argument.Arity.MaximumNumberOfValues > 1 ? "..." : "")}";
        return argument.Arity.MinimumNumberOfValues == 0 ? $"[{name}]" : name;
    }

    private static string Names(Option option) =>
        string.Join(", ", new[] { option.Name }.Concat(option.Aliases.Order(StringComparer.Ordinal)).Select(name => $"`{name}`"));

    private static string Default(Option option)
    {
        if (option.Required)
            return "required";
        // A flag that is off unless given (--json) says nothing by a default of false.
        if (!option.HasDefaultValue || option.GetDefaultValue() is false)
            return "";
        var value = Invariant(option.GetDefaultValue());
        return value.Length > 0 ? $"`{value}`" : "";
    }

    private static string Meaning(Option option)
    {
        var accepted = option.ValueType == typeof(bool)
            ? []
            : option.GetCompletions(CompletionContext.Empty).Select(completion => $"`{completion.Label}`").ToArray();
        return accepted.Length > 0 ? $"{option.Description} (one of {string.Join(", ", accepted)})" : option.Description ?? "";
    }

    private static string Invariant(object? value) => value switch
    {
        null => "",
        string text => text,
        bool flag => flag ? "true" : "false",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable values => string.Join(",", values.Cast<object?>().Select(Invariant)),
        _ => value.ToString() ?? "",
    };

    /// <summary>
    /// A description as one line of Markdown (a paragraph or a table cell): a | that would end a cell escaped, and outside `code` a &lt;
    /// escaped, which would otherwise open an HTML tag ("&lt;results&gt;/&lt;campaign&gt;") that renderers drop.
    /// </summary>
    private static string Inline(string? description) => string.Join('`', (description ?? "")
        .ReplaceLineEndings(" ")
        .Replace("|", "\\|", StringComparison.Ordinal)
        .Split('`')
        .Select((part, index) => index % 2 == 0 ? part.Replace("<", "\\<", StringComparison.Ordinal) : part));

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}
