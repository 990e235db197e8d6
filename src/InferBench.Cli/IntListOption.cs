using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace InferBench.Cli;

/// <summary>An option taking integers as "128,512" or "128 512"; the library checks each against <c>range</c>, which the parse error states.</summary>
public static class IntListOption
{
    public static Option<int[]> Create(string name, string description, InputRange range, params int[] defaults) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaults,
        AllowMultipleArgumentsPerToken = true,
        CustomParser = result => Parse(result, name, range),
    };

    /// <summary>The same, also taking <paramref name="word"/> alone (such as <c>--batch auto</c>), which parses to no integers (an empty array).</summary>
    public static Option<int[]> CreateOrWord(string name, string description, string word, InputRange range, params int[] defaults) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaults,
        AllowMultipleArgumentsPerToken = true,
        CustomParser = result => result.Tokens is [{ } only] && only.Value == word ? [] : Parse(result, name, range, word),
    };

    private static int[] Parse(ArgumentResult result, string name, InputRange range, string? word = null)
    {
        var values = new List<int>();
        foreach (var part in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries)))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                result.AddError($"{name}: expected integers like 128,512, each {range.Expected}{(word is null ? "" : $", or {word} alone")}, got \"{part}\"");
                return [];
            }
            values.Add(value);
        }
        return values.Distinct().ToArray();
    }
}
