namespace InferBench;

/// <summary>
/// An option of inferbench's command line, as a report, a row's reason or a generated script quotes it to the reader
/// ("run with --reps 5"). Library errors name configuration fields instead, which the CLI maps to its options.
/// </summary>
/// <param name="Command">The command that declares it, such as <c>run</c> or <c>campaign run</c>.</param>
/// <param name="Name">Its name without the leading dashes.</param>
public readonly record struct CommandOption(string Command, string Name)
{
    public override string ToString() => "--" + Name;
}
