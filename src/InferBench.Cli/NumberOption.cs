using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace InferBench.Cli;

/// <summary>
/// A number option read in the invariant culture ("175e9", "0.6") and held to the library's range for it, so NaN,
/// infinities and values no figure can hold are refused as typed: "--pue: expected a number from 1 to 10, got \"NaN\"".
/// </summary>
public static class NumberOption
{
    public static Option<double?> Create(string name, string description, InputRange range, bool required = false) => new(name)
    {
        Description = description,
        Required = required,
        CustomParser = result => Parse(result, name, range, PercentSign.Refused),
    };

    public static Option<double> Create(string name, string description, InputRange range, double defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => Parse(result, name, range, PercentSign.Refused) ?? defaultValue,
    };

    /// <summary>A value in percent, given as 5 or 5%.</summary>
    public static Option<double> Percent(string name, string description, InputRange range, double defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => Parse(result, name, range, PercentSign.Ignored) ?? defaultValue,
    };

    /// <summary>A share of 1, given as 0.4 or 40%.</summary>
    public static Option<double?> Fraction(string name, string description, InputRange range) => new(name)
    {
        Description = description,
        CustomParser = result => Parse(result, name, range, PercentSign.Hundredths),
    };

    private static double? Parse(ArgumentResult result, string name, InputRange range, PercentSign percentSign)
    {
        var token = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        var (number, scale) = percentSign != PercentSign.Refused && token.EndsWith('%')
            ? (token[..^1], percentSign == PercentSign.Hundredths ? 0.01 : 1)
            : (token, 1.0);
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && range.Accepts(value * scale))
            return value * scale;
        result.AddError($"{name}: expected {Expected(range, percentSign)}, got \"{token}\"");
        return null;
    }

    private static string Expected(InputRange range, PercentSign percentSign) => percentSign switch
    {
        PercentSign.Ignored => $"{range.Expected}, with or without %",
        PercentSign.Hundredths => $"{range.Expected}, or a percentage like 40%",
        _ => range.Expected,
    };
}
