namespace InferBench;

/// <summary>
/// A numeric input outside what it accepts. <see cref="Fields"/> are the library's names of the inputs involved
/// (several when only their combination is out of range), so a front end can say it with its own option names.
/// </summary>
public sealed class InputRangeException(IReadOnlyList<string> fields, string expected, string got)
    : InputException($"{string.Join(", ", fields)}: expected {expected}, got {got}")
{
    public IReadOnlyList<string> Fields { get; } = fields;
    public string Expected { get; } = expected;
    public string Got { get; } = got;

    /// <summary>The message with each field named by <paramref name="name"/>.</summary>
    public string MessageNaming(Func<string, string> name) => $"{string.Join(", ", Fields.Select(name))}: expected {Expected}, got {Got}";
}
