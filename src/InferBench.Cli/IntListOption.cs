using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace InferBench.Cli;

/// <summary>An option taking integers as "128,512" or "128 512".</summary>
public static class IntListOption
{
    public static Option<int[]> Create(string name, string description, params int[] defaults) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaults,
        AllowMultipleArgumentsPerToken = true,
        CustomParser = result => Parse(result, name),
    };

    private static int[] Parse(ArgumentResult result, string name)
    {
        var values = new List<int>();
        foreach (var part in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries)))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                result.AddError($"{name}: expected integers like 128,512, got \"{part}\"");
                return [];
            }
            values.Add(value);
        }
        return values.Distinct().ToArray();
    }
}
