using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace InferBench.Cli;

/// <summary>
/// An option taking numbers as "0.5,2" or "0.5 2", or <c>word</c> alone (such as <c>--request-rate auto</c>), which parses
/// to no numbers (an empty array). Each number is read in the invariant culture and held to the library's range, so NaN,
/// infinities and values out of range are refused as typed.
/// </summary>
public static class NumberListOption
{
    public static Option<double[]> CreateOrWord(string name, string description, string word, InputRange range) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => [],
        AllowMultipleArgumentsPerToken = true,
        CustomParser = result => result.Tokens is [{ } only] && only.Value == word ? [] : Parse(result, name, range, word),
    };

    private static double[] Parse(ArgumentResult result, string name, InputRange range, string word)
    {
        var values = new List<double>();
        foreach (var part in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries)))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !range.Accepts(value))
            {
                result.AddError($"{name}: expected numbers like 0.5,2, each {range.Expected}, or {word} alone, got \"{part}\"");
                return [];
            }
            values.Add(value);
        }
        return values.Distinct().ToArray();
    }
}
