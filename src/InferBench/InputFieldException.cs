namespace InferBench;

/// <summary>
/// A problem with named library inputs. <see cref="Fields"/> are the library's names of the inputs involved (several
/// when only their combination is wrong), so a front end can say it with its own option names.
/// </summary>
/// <param name="item">Which of a repeatable input's values is wrong (said after the field, such as a machine of the
/// machine prices); null when the field has one value.</param>
public class InputFieldException(IReadOnlyList<string> fields, string problem, string? item = null)
    : InputException($"{Naming(fields, item, field => field)}: {problem}")
{
    public IReadOnlyList<string> Fields { get; } = fields;
    public string Problem { get; } = problem;
    public string? Item { get; } = item;

    /// <summary>The message with each field named by <paramref name="name"/>.</summary>
    public string MessageNaming(Func<string, string> name) => $"{Naming(Fields, Item, name)}: {Problem}";

    private static string Naming(IReadOnlyList<string> fields, string? item, Func<string, string> name) =>
        string.Join(", ", fields.Select(name)) + (item is null ? "" : $" {item}");
}
