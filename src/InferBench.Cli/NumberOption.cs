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
        var value = (percentSign, token.EndsWith('%')) switch
        {
            (PercentSign.Ignored, true) => Number(token[..^1]),
            (PercentSign.Hundredths, true) => Hundredths(token[..^1]),
            _ => Number(token),
        };
        if (value is { } number && range.Accepts(number))
            return number;
        result.AddError($"{name}: expected {Expected(range, percentSign)}, got \"{token}\"");
        return null;
    }

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Divided as a decimal, so 22.4% is the same double as 0.224 typed (22.4 x 0.01 is not).</summary>
    private static double? Hundredths(string percent) =>
        decimal.TryParse(percent, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? Number((value / 100).ToString(CultureInfo.InvariantCulture)) : null;

    private static string Expected(InputRange range, PercentSign percentSign) => percentSign switch
    {
        PercentSign.Ignored => $"{range.Expected}, with or without %",
        PercentSign.Hundredths => $"{range.Expected}, or a percentage like 40%",
        _ => range.Expected,
    };
}
