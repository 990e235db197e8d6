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
        CustomParser = result => Parse(result, name, range),
    };

    public static Option<double> Create(string name, string description, InputRange range, double defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => Parse(result, name, range) ?? defaultValue,
    };

    private static double? Parse(ArgumentResult result, string name, InputRange range)
    {
        var token = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && range.Accepts(value))
            return value;
        result.AddError($"{name}: expected {range.Expected}, got \"{token}\"");
        return null;
    }
}
