using InferBench.Cli;
using InferBench.Tests.Support;

namespace InferBench.Tests.Docs;

/// <summary>
/// docs/cli.md is what <see cref="CliReference"/> generates from the command definitions; INFERBENCH_WRITE_GOLDEN=1
/// rewrites it (review the diff).
/// </summary>
public sealed class CliReferenceTests
{
    private static string Generated() => CliReference.Markdown(InferBenchCli.Create(new CliIo(TextWriter.Null, TextWriter.Null, Interactive: false)));

    [Fact]
    public void Docs_cli_md_is_what_the_command_definitions_generate()
    {
        var path = RepoRoot.Combine("docs", "cli.md");
        var generated = Generated();
        if (Environment.GetEnvironmentVariable("INFERBENCH_WRITE_GOLDEN") == "1")
            File.WriteAllText(path, generated);

        Assert.True(File.ReadAllText(path) == generated,
            $"docs/cli.md is not what the command definitions generate: regenerate it with `{CliReference.RegenerateCommand}` and review the diff");
    }

    [Fact]
    public void The_reference_has_every_command_and_subcommand_with_its_arguments_options_and_defaults()
    {
        var reference = Generated();

        foreach (var heading in new[] { "## inferbench run", "## inferbench models build", "## inferbench campaign run", "## inferbench cost training" })
            Assert.Contains($"\n{heading}\n", reference);
        Assert.Contains("`inferbench compare <run-folders>... [options]`", reference);
        Assert.Contains("| `--reps` | `3` |", reference);
        Assert.Contains("| `--prompt-tokens` | `128,512` |", reference);
        Assert.Contains("| `--fidelity` | `true` |", reference);
        Assert.Contains("(one of `auto`, `cpu`, `cuda`)", reference);
        Assert.DoesNotContain("--help", reference.Split('\n').Where(line => line.StartsWith('|')));
        Assert.DoesNotContain('\r', reference);
    }
}
