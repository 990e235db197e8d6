namespace InferBench;

/// <summary>
/// A problem with named library inputs. <see cref="Fields"/> are the library's names of the inputs involved (several
/// when only their combination is wrong), so a front end can say it with its own option names.
/// </summary>
public class InputFieldException(IReadOnlyList<string> fields, string problem)
    : InputException($"{string.Join(", ", fields)}: {problem}")
{
    public IReadOnlyList<string> Fields { get; } = fields;
    public string Problem { get; } = problem;

    /// <summary>The message with each field named by <paramref name="name"/>.</summary>
    public string MessageNaming(Func<string, string> name) => $"{string.Join(", ", Fields.Select(name))}: {Problem}";
}
