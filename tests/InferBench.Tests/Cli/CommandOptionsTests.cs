using System.Reflection;
using InferBench.Tests.Support;

namespace InferBench.Tests.Cli;

/// <summary>Every option the library's wording quotes is one its command declares, so a renamed option cannot leave a report naming the old one.</summary>
public sealed class CommandOptionsTests
{
    public static TheoryData<string> Quoted() => [.. typeof(CommandOptions).GetProperties(BindingFlags.Public | BindingFlags.Static).Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Quoted))]
    public void The_command_declares_the_option(string property)
    {
        var option = (CommandOption)typeof(CommandOptions).GetProperty(property)!.GetValue(null)!;

        var help = CliRun.Invoke([.. option.Command.Split(' '), "--help"]);

        Assert.Equal(0, help.ExitCode);
        Assert.Matches($@"(^|[\s,]){option}(\s|,|$)", help.Out);
    }
}
