using System.Text.Json.Nodes;

namespace InferBench.Cost.Sheets;

/// <summary>One printed figure: its text for people and its value for scripts.</summary>
/// <param name="Key">The JSON name, with the unit in it ("usdPerHour").</param>
/// <param name="Label">The name people read ("per hour").</param>
/// <param name="Text">As printed, unit included ("$38.00/h").</param>
/// <param name="Json">A number in the unit the key names, a word, or null when the figure is unavailable.</param>
public sealed record Figure(string Key, string Label, string Text, JsonValue? Json)
{
    public static Figure Number(string key, string label, double value, string text) => new(key, label, text, JsonValue.Create(value));

    public static Figure Word(string key, string label, string word, string text) => new(key, label, text, JsonValue.Create(word));

    /// <summary>A figure that cannot be computed: null for scripts, the reason for people.</summary>
    public static Figure Unavailable(string key, string label, string reason) => new(key, label, $"unavailable: {reason}", null);
}
