using InferBench.Cli;
using InferBench.Tests.Support;

namespace InferBench.Tests.Cli;

/// <summary>An empty or blank path, name or text is an ordinary mistake: exit 2 naming the option or argument, never "internal error".</summary>
public sealed class EmptyTextTests
{
    public static TheoryData<string, string[]> CommandLines => new()
    {
        { "run-folder", ["report", ""] },
        { "run-folders", ["compare", "", ""] },
        { "--run", ["cost", "--run", "", "--price-per-hour", "1"] },
        { "--model-path", ["run", "--model-path", ""] },
        { "--out", ["models", "build", "--out", ""] },
        { "--config", ["models", "build", "--config", "", "--out", "model"] },
        { "--in", ["models", "quantize", "--in", "", "--out", "q", "--precision", "int4"] },
        { "--out", ["models", "quantize", "--in", "model", "--out", "", "--precision", "int4"] },
        { "--pricing", ["cost", "--pricing", "", "--price-per-hour", "1", "--tokens-per-second", "1"] },
        { "model", ["fetch", ""] },
    };

    [Theory]
    [MemberData(nameof(CommandLines))]
    public void An_empty_value_exits_2_naming_the_option(string name, string[] args)
    {
        var run = CliRun.Invoke(args);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.StartsWith($"inferbench: {name}: expected a value (a path, a name or text), got an empty string", run.Error);
        run.AssertNoStackTrace();
    }

    [Theory]
    [MemberData(nameof(CommandLines))]
    public void A_blank_value_exits_2_naming_the_option(string name, string[] args)
    {
        var run = CliRun.Invoke([.. args.Select(arg => arg.Length == 0 ? " \t" : arg)]);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.StartsWith($"inferbench: {name}: expected a value (a path, a name or text), got only whitespace", run.Error);
    }
}
