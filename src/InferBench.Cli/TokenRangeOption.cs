using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace InferBench.Cli;

/// <summary>
/// An option taking a token length as "128" or a range as "64-256"; each end is held to the library's range, and a range
/// whose minimum is above its maximum ("5-2") is refused as typed.
/// </summary>
public static class TokenRangeOption
{
    public static Option<TokenRange> Create(string name, string description, InputRange range, TokenRange defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => Parse(result, name, range) ?? defaultValue,
    };

    private static TokenRange? Parse(ArgumentResult result, string name, InputRange range)
    {
        var token = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        switch (token.Split('-', 2).Select(end => Length(end, range)).ToArray())
        {
            case [{ } length]:
                return new TokenRange(length, length);
            case [{ } low, { } high] when low <= high:
                return new TokenRange(low, high);
        }
        result.AddError($"{name}: expected a length or a range min-max with min at most max, each {range.Expected}, got \"{token}\"");
        return null;
    }

    private static int? Length(string text, InputRange range) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && range.Accepts(value) ? value : null;
}
