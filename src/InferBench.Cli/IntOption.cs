using System.CommandLine;
using System.Globalization;

namespace InferBench.Cli;

/// <summary>
/// A whole-number option whose parse error states the library's range ("--reps: expected a whole number from 1 to
/// 10000, got \"1e9\""), where System.CommandLine would only say the text is not an Int32. The range itself is
/// checked by the library, which also sees values that do not come from the command line.
/// </summary>
public static class IntOption
{
    public static Option<int> Create(string name, string description, InputRange range, int defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => Parse(result.Tokens.Count == 1 ? result.Tokens[0].Value : "", name, range, result.AddError) ?? defaultValue,
    };

    public static Option<int?> CreateOptional(string name, string description, InputRange range) => new(name)
    {
        Description = description,
        CustomParser = result => Parse(result.Tokens.Count == 1 ? result.Tokens[0].Value : "", name, range, result.AddError),
    };

    private static int? Parse(string token, string name, InputRange range, Action<string> addError)
    {
        if (int.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            return value;
        addError($"{name}: expected {range.Expected}, got \"{token}\"");
        return null;
    }
}
